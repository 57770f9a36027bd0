import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shape of ReportView (report-view.ts holds the type the code uses). */
export class ReportViewDto {
  @ApiProperty() reportId!: string;
  @ApiProperty({ enum: ['coded', 'uncoded', 'received'] }) status!: string;
  @ApiPropertyOptional({ description: 'why a report is uncoded, e.g. unsupported_language' }) statusReason?: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ nullable: true, description: 'Kafka topic, partition and offset the report came from' })
  receivedFrom!: Record<string, unknown> | null;
  @ApiProperty({ description: 'the WireReport as received, unknown fields included' }) report!: Record<string, unknown>;
  @ApiProperty({ nullable: true }) coderVersion!: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'coded events of the current coding (SPEC §3)' })
  codedEvents!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'every coding, oldest first' })
  codings!: Record<string, unknown>[];
}
