import type { ActorCode, Category } from '@app/contracts';
import { evaluationDate, instantMs, speakerKey, type EvaluationTime, type Incident, type IsoDate } from '@app/escalation';
import { latestResponses, offersAnsweredBy } from './answers';
import { offerStatus, type MediationOffer, type OfferStatement } from './offer';
import { offerIdOf } from './offer-id';

type MediationRole = 'offer' | 'mediation' | 'answer' | 'none';

function mediationRoleOf(category: Category): MediationRole {
  switch (category) {
    case 'MEDIATION_OFFER':
      return 'offer';
    case 'MEDIATION':
      return 'mediation';
    case 'MEDIATION_ACCEPTED':
    case 'MEDIATION_REJECTED':
      return 'answer';
    case 'STRIKE':
    case 'THREAT':
    case 'DIPLOMATIC_SANCTION':
    case 'ACCUSATION':
    case 'CONDEMNATION':
    case 'APPEAL_FOR_RESTRAINT':
    case 'TALKS':
    case 'CEASEFIRE':
      return 'none';
    default: {
      const unknown: never = category;
      throw new Error(`unknown category ${String(unknown)}`);
    }
  }
}

/** Whether incidents of this category shape offers: the rows a mediation projector keeps. */
export const isMediationCategory = (category: Category): boolean => mediationRoleOf(category) !== 'none';

interface OfferDraft {
  offerId: string;
  mediator: ActorCode;
  parties: ActorCode[];
  offers: Incident[];
  mediations: Incident[];
  answers: Incident[];
  firstReportedOn: IsoDate;
}

/**
 * Every mediation offer as of T: all offer statements, MEDIATION incidents and answers dated on or before
 * T's date (offers do not expire). `incidents` are those known at the chosen record time; any category.
 * With `only`, just those offers are answered; the others still decide which offer an answer goes to.
 */
export function offersAt(incidents: readonly Incident[], at: EvaluationTime, only?: ReadonlySet<string>): MediationOffer[] {
  const date = evaluationDate(at);
  const drafts = new Map<string, OfferDraft>();
  const answers: Incident[] = [];
  for (const incident of incidents) {
    if (incident.occurredOn > date) continue;
    const role = mediationRoleOf(incident.category);
    if (role === 'offer' || role === 'mediation') {
      const key = draftKeyOf(incident);
      if (key) draftFor(drafts, incident, key)[role === 'offer' ? 'offers' : 'mediations'].push(incident);
    }
    else if (role === 'answer') answers.push(incident);
  }
  const openDrafts = [...drafts.values()];
  const wanted = only ? openDrafts.filter((draft) => only.has(draft.offerId)) : openDrafts;
  // An answer only ever attaches to offers involving its party: it is matched against those alone, and skipped
  // when no wanted offer involves the party (it could change none of them).
  const byParty = draftsByParty(openDrafts);
  const wantedParties = new Set(wanted.flatMap((draft) => draft.parties));
  for (const answer of answers) {
    if (!wantedParties.has(answer.source)) continue;
    for (const draft of offersAnsweredBy(answer, byParty.get(answer.source) ?? [])) draft.answers.push(answer);
  }
  return wanted.map(finish).sort((a, b) => (a.offerId < b.offerId ? -1 : 1));
}

/** One offer as of T, or null when none with that id had been reported by then. */
export function offerAt(incidents: readonly Incident[], offerId: string, at: EvaluationTime): MediationOffer | null {
  return offersAt(incidents, at).find((offer) => offer.offerId === offerId) ?? null;
}

const partiesBesidesMediator = (incident: Incident): ActorCode[] => (incident.parties ?? []).filter((party) => party !== incident.source);

interface DraftKey {
  offerId: string;
  /** Besides the mediator, without repeats, sorted. */
  parties: readonly ActorCode[];
}

// Kept per incident object: a projector asks again about the same merged incidents on every coding that
// touches their offers.
const draftKeys = new WeakMap<Incident, DraftKey | null>();

/** The offer an offer or mediation incident belongs to; null when it names fewer than two sides besides the mediator. */
function draftKeyOf(incident: Incident): DraftKey | null {
  let key = draftKeys.get(incident);
  if (key === undefined) {
    const parties = [...new Set(partiesBesidesMediator(incident))].sort();
    key = parties.length >= 2 ? { offerId: offerIdOf(incident.source, parties), parties } : null;
    draftKeys.set(incident, key);
  }
  return key;
}

function draftsByParty(drafts: readonly OfferDraft[]): Map<ActorCode, OfferDraft[]> {
  const byParty = new Map<ActorCode, OfferDraft[]>();
  for (const draft of drafts) {
    for (const party of draft.parties) {
      const list = byParty.get(party);
      if (list) list.push(draft);
      else byParty.set(party, [draft]);
    }
  }
  return byParty;
}

function draftFor(drafts: Map<string, OfferDraft>, incident: Incident, key: DraftKey): OfferDraft {
  let draft = drafts.get(key.offerId);
  if (!draft) {
    draft = { offerId: key.offerId, mediator: incident.source, parties: [...key.parties], offers: [], mediations: [], answers: [], firstReportedOn: incident.occurredOn };
    drafts.set(key.offerId, draft);
  }
  if (incident.occurredOn < draft.firstReportedOn) draft.firstReportedOn = incident.occurredOn;
  return draft;
}

function finish(draft: OfferDraft): MediationOffer {
  const offers = [...draft.offers].sort(byDateThenRecord);
  const statements = offers.flatMap(statementsOf);
  const responses = latestResponses(draft.parties, draft.answers);
  const lastMediationOn = maxDate(draft.mediations.map((incident) => incident.occurredOn));
  const allDates = [...draft.offers, ...draft.mediations, ...draft.answers].map((incident) => incident.occurredOn);
  return {
    offerId: draft.offerId,
    mediator: draft.mediator,
    parties: draft.parties,
    status: offerStatus(draft.parties, responses, lastMediationOn),
    conditions: [...new Set(offers.flatMap((incident) => incident.conditions))],
    statements,
    responses,
    lastMediationOn,
    firstReportedOn: draft.firstReportedOn,
    lastReportedOn: maxDate(allDates) ?? draft.firstReportedOn,
  };
}

/** One statement per speaker of the incident, from the first report quoting them; one unattributed if none is quoted. */
function statementsOf(incident: Incident): OfferStatement[] {
  const statements = new Map<string, OfferStatement>();
  for (const report of incident.reports) {
    for (const speaker of report.speakers) {
      const key = speakerKey(speaker);
      if (statements.has(key)) continue;
      statements.set(key, { speaker: speaker.name, role: speaker.role, reportId: report.reportId, occurredOn: incident.occurredOn, text: report.evidence.text, conditions: report.conditions });
    }
  }
  if (statements.size > 0) return [...statements.values()];
  const first = incident.reports[0];
  return [{ speaker: null, role: null, reportId: first.reportId, occurredOn: incident.occurredOn, text: first.evidence.text, conditions: first.conditions }];
}

function byDateThenRecord(a: Incident, b: Incident): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1;
  return instantMs(a.firstRecordedAt) - instantMs(b.firstRecordedAt) || (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0);
}

function maxDate(dates: readonly IsoDate[]): IsoDate | null {
  return dates.reduce<IsoDate | null>((latest, date) => (latest === null || date > latest ? date : latest), null);
}
