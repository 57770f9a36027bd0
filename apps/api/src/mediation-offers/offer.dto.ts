import { ApiProperty } from '@nestjs/swagger';
import { OFFER_STATUSES } from '@app/mediation';

export class OfferStatementDto {
  @ApiProperty({ type: String, nullable: true }) speaker!: string | null;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
  @ApiProperty() reportId!: string;
  @ApiProperty({ format: 'date' }) occurredOn!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String] }) conditions!: string[];
}

export class OfferResponseDto {
  @ApiProperty() party!: string;
  @ApiProperty({ enum: ['ACCEPTED', 'REJECTED'] }) answer!: string;
  @ApiProperty({ format: 'date' }) occurredOn!: string;
  @ApiProperty() reportId!: string;
  @ApiProperty() text!: string;
}

export class OfferDto {
  @ApiProperty({ example: 'CHN:IRN-PAK' }) offerId!: string;
  @ApiProperty({ example: 'CHN' }) mediator!: string;
  @ApiProperty({ type: [String], example: ['IRN', 'PAK'] }) parties!: string[];
  @ApiProperty({ enum: OFFER_STATUSES }) status!: string;
  @ApiProperty({ type: [String] }) conditions!: string[];
  @ApiProperty({ type: [OfferStatementDto] }) statements!: OfferStatementDto[];
  @ApiProperty({ type: [OfferResponseDto], description: "each party's latest answer" }) responses!: OfferResponseDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date' }) lastMediationOn!: string | null;
  @ApiProperty({ format: 'date' }) firstReportedOn!: string;
  @ApiProperty({ format: 'date' }) lastReportedOn!: string;
}

export class OfferListDto {
  @ApiProperty({ type: [OfferDto] }) items!: OfferDto[];
}
