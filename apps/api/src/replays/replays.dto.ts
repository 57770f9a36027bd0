import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReplayRequestDto {
  @ApiProperty({ enum: ['topic', 'rebuild', 'recode'] }) kind!: string;
  @ApiPropertyOptional({ example: 'replay.analysis-2024', description: 'kind topic: replay.<name>, <name> matching [a-z0-9][a-z0-9._-]{0,100}' })
  topic?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'kind topic: events recorded at or after; kind recode: reports received at or after' }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'kind topic: events recorded before; kind recode: reports received before' }) until?: string;
  @ApiPropertyOptional({ type: [String], description: 'kind topic: event types (all when absent)' }) types?: string[];
  @ApiPropertyOptional({ description: 'kind rebuild (admin): read-models (or dyads, mediation-offers: the same projection)' }) projection?: string;
}

export class ReplayAcceptedDto {
  @ApiProperty({ format: 'uuid' }) replayId!: string;
}

export class ReplayProgressDto {
  @ApiProperty({ format: 'uuid' }) replayId!: string;
  @ApiProperty({ enum: ['topic', 'rebuild', 'recode'] }) kind!: string;
  @ApiPropertyOptional({ description: 'kind topic' }) topic?: string;
  @ApiPropertyOptional({ description: 'kind recode: the coder that re-codes' }) coderVersion?: string;
  @ApiPropertyOptional({ description: 'kind recode: reports given a new coding' }) recoded?: number;
  @ApiPropertyOptional({ description: 'kind recode: reports whose newest coding already matched' }) unchanged?: number;
  @ApiPropertyOptional({ description: 'kind recode: reports the coder failed on (their codings kept)' }) failed?: number;
  @ApiPropertyOptional({ description: 'kind rebuild' }) projection?: string;
  @ApiPropertyOptional({ description: 'kind rebuild: replaying, writing, catching-up, switched', nullable: true }) phase?: string | null;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] }) status!: string;
  @ApiProperty({ description: 'events sent and acknowledged (topic, rebuild), reports examined (recode)' }) processed!: number;
  @ApiProperty({ description: 'events in the selection' }) total!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ nullable: true }) error!: string | null;
}
