import { ApiProperty } from '@nestjs/swagger';
import { LEVEL_NAMES } from '@app/escalation';

export class CasualtyClaimDto {
  @ApiProperty({ type: Number, nullable: true }) count!: number | null;
  @ApiProperty({ enum: ['exact', 'at_least', 'approx', 'unspecified'] }) qualifier!: string;
  @ApiProperty({ type: String, nullable: true, description: 'ISO3 of who asserts the figure' }) claimedBy!: string | null;
}

export class SpeakerDto {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
}

export class DyadSummaryDto {
  @ApiProperty({ example: 'IRN-PAK' }) dyad!: string;
  @ApiProperty({ type: [String], example: ['IRN', 'PAK'] }) actors!: string[];
  @ApiProperty({ minimum: 0, maximum: 5 }) level!: number;
  @ApiProperty({ enum: LEVEL_NAMES }) levelName!: string;
  @ApiProperty({ description: 'sum of −Goldstein over incidents, halved every 7 days (higher = more hostile)' }) index!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'the date the current level began' }) since!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) lastIncidentOn!: string | null;
  @ApiProperty({ description: 'fatalities over the 30-day window, each incident at its largest claim' }) fatalities!: number;
  @ApiProperty({ description: 'incidents in the 30-day window' }) incidents!: number;
}

export class DyadListDto {
  @ApiProperty({ type: [DyadSummaryDto], description: 'sorted by level, then index, descending' }) items!: DyadSummaryDto[];
}

export class LevelChangeDto {
  @ApiProperty({ format: 'date' }) at!: string;
  @ApiProperty() level!: number;
  @ApiProperty({ enum: LEVEL_NAMES }) levelName!: string;
}

export class IncidentDto {
  @ApiProperty({ example: 'STRIKE|IRN|PAK|2024-01-16' }) incidentId!: string;
  @ApiProperty() category!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: String, nullable: true }) target!: string | null;
  @ApiProperty({ type: [String], nullable: true }) parties!: string[] | null;
  @ApiProperty({ format: 'date' }) occurredOn!: string;
  @ApiProperty() goldstein!: number;
  @ApiProperty({ type: [String], description: 'report ids' }) sources!: string[];
  @ApiProperty({ description: 'number of distinct reports' }) corroboration!: number;
  @ApiProperty({ type: [CasualtyClaimDto], description: 'per claimant, the largest count' }) fatalities!: CasualtyClaimDto[];
  @ApiProperty({ type: [CasualtyClaimDto] }) injuries!: CasualtyClaimDto[];
  @ApiProperty({ type: [String] }) conditions!: string[];
  @ApiProperty({ type: [SpeakerDto] }) speakers!: SpeakerDto[];
  @ApiProperty({ format: 'date-time' }) firstRecordedAt!: string;
}

export class DyadDetailDto {
  @ApiProperty({ example: 'IRN-PAK' }) dyad!: string;
  @ApiProperty({ type: [String] }) actors!: string[];
  @ApiProperty() level!: number;
  @ApiProperty({ enum: LEVEL_NAMES }) levelName!: string;
  @ApiProperty() index!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) since!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) lastIncidentOn!: string | null;
  @ApiProperty() fatalities!: number;
  @ApiProperty({ description: 'incidents in the 30-day window' }) incidentsInWindow!: number;
  @ApiProperty({ type: [LevelChangeDto], description: 'each date the level changed, oldest first' }) levelHistory!: LevelChangeDto[];
  @ApiProperty({ type: [IncidentDto], description: 'every incident dated up to T, with sources and corroboration' }) incidents!: IncidentDto[];
  @ApiProperty({ type: [String], description: 'offer ids between the two', example: ['CHN:IRN-PAK'] }) mediationOffers!: string[];
}
