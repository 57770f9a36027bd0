// The read-model shapes of SPEC §5, as the dashboard reads them. Fields the API may leave out are optional.

export type LevelName = 'CALM' | 'DIPLOMATIC_FRICTION' | 'COERCIVE_THREATS' | 'USE_OF_FORCE' | 'EXCHANGE_OF_FIRE' | 'ARMED_CONFLICT';

export interface DyadSummary {
  dyad: string;
  actors: [string, string];
  level: number;
  levelName: LevelName;
  index: number;
  since: string | null;
  lastIncidentOn: string | null;
  fatalities: number;
  incidents: number;
}

export interface CasualtyClaim {
  count: number | null;
  qualifier: 'exact' | 'at_least' | 'approx' | 'unspecified';
  claimedBy: string | null;
}

export interface Speaker {
  name: string | null;
  role: string | null;
  actor: string | null;
}

export interface Incident {
  incidentId?: string;
  category: string;
  source: string;
  target: string | null;
  parties: string[] | null;
  occurredOn: string;
  goldstein?: number;
  sources: string[];
  corroboration: number;
  fatalities: CasualtyClaim[];
  injuries?: CasualtyClaim[];
  conditions?: string[];
  speakers?: Speaker[];
  evidence?: { sentence?: number; text: string } | null;
  reports?: Array<{ reportId: string; evidence?: { sentence?: number; text: string } }>;
}

export interface LevelChange {
  at: string;
  level: number;
  levelName: LevelName;
}

export interface DyadDetail extends Omit<DyadSummary, 'incidents'> {
  /** Incidents in T's 30-day window (the list holds every incident up to T). */
  incidentsInWindow?: number;
  levelHistory: LevelChange[];
  incidents: Incident[];
  mediationOffers: string[];
}

export type OfferStatus = 'ACTIVE' | 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'OFFERED' | 'REJECTED';

export interface OfferStatement {
  speaker: string | null;
  role: string | null;
  reportId: string;
  occurredOn: string;
  text: string;
  conditions: string[];
}

export interface OfferResponse {
  party: string;
  answer: 'ACCEPTED' | 'REJECTED';
  occurredOn: string;
  reportId?: string;
  text?: string;
}

export interface MediationOffer {
  offerId: string;
  mediator: string;
  parties: string[];
  status: OfferStatus;
  conditions: string[];
  statements: OfferStatement[];
  responses: OfferResponse[] | Record<string, Omit<OfferResponse, 'party'> | null>;
  firstReportedOn: string;
  lastReportedOn: string;
}

export interface ItemsPage<T> {
  items: T[];
}
