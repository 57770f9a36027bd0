import { ApiProperty } from '@nestjs/swagger';

export class StoredEventDto {
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty() streamId!: string;
  @ApiProperty({ description: '1 for the first event of its stream' }) streamVersion!: number;
  @ApiProperty({ description: '64-bit, as a decimal string' }) globalPosition!: string;
  @ApiProperty({ description: '64-bit, as a decimal string' }) transactionId!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class EventsPageDto {
  @ApiProperty({ type: [StoredEventDto] }) items!: StoredEventDto[];
  @ApiProperty({ description: 'opaque cursor: pass as `after` for the next page' }) next!: string;
  @ApiProperty({ description: 'true when more events were waiting after this page' }) hasMore!: boolean;
}
