import { lexicon } from '../actors/lexicon';
import { toDays } from '../dates/calendar';
import type { Blame, RawEvent } from './raw-event';
import { sortInPlace } from '../text/sort';

export interface ReportFindings {
  events: RawEvent[];
  open: RawEvent[];
  blames: Blame[];
  /** States that deny carrying out an attack in this report. */
  deniers: Set<string>;
  published: string;
}

const OLDEST_RECAP_DAYS = 60;
const SPEECH_ACTS = new Set(['THREAT', 'ACCUSATION', 'CONDEMNATION', 'APPEAL_FOR_RESTRAINT', 'MEDIATION_OFFER', 'MEDIATION_ACCEPTED', 'MEDIATION_REJECTED']);

/** Report-level passes: blamed strikes, denials, strike dates and coreference, mediators, dates of statements. */
export type PlacedEvent = RawEvent & { occurredOn: string };

export function resolveReport(findings: ReportFindings): PlacedEvent[] {
  const events = [...findings.events, ...settleOpenStrikes(findings.open, findings.blames)]
    .filter((event) => !(event.category === 'STRIKE' && findings.deniers.has(event.source.actor)));
  sortInPlace(events, (a, b) => a.sentence - b.sentence || a.position - b.position);
  const dated = dateStrikes(events, findings.published);
  const answered = settleMediators(dated);
  return dateStatements(answered, findings.published);
}

function settleOpenStrikes(open: readonly RawEvent[], blames: readonly Blame[]): RawEvent[] {
  const settled: RawEvent[] = [];
  for (const strike of open) {
    const blame = blames.find((b) => b.sentence >= strike.sentence && b.accused !== strike.target?.actor) ?? blames.find((b) => b.accused !== strike.target?.actor);
    if (!blame) continue;
    settled.push({ ...strike, source: { actor: blame.accused, sector: 'MIL', text: lexicon().nameOf(blame.accused) }, confidence: 0.7 });
  }
  return settled;
}

// ISO dates compare as strings.
const clampToPublished = (date: string, published: string): string => (date > published ? published : date);

/** Undated strike mentions join the latest earlier strike of the same direction; otherwise they take publication day. */
function dateStrikes(events: readonly RawEvent[], published: string): RawEvent[] {
  const result: RawEvent[] = [];
  const seen: RawEvent[] = [];
  for (const event of events) {
    if (event.category !== 'STRIKE') {
      event.occurredOn = event.date ? clampToPublished(event.date, published) : null;
      if (event.occurredOn && toDays(published) - toDays(event.occurredOn) > OLDEST_RECAP_DAYS) {
        // Talks, truces and sanctions of earlier years are background; a statement is made now whatever it recalls.
        if (!SPEECH_ACTS.has(event.category)) continue;
        event.occurredOn = null;
      }
      result.push(event);
      continue;
    }
    let occurredOn = event.date ? clampToPublished(event.date, published) : null;
    if (!occurredOn) {
      occurredOn = published;
      for (let i = seen.length - 1; i >= 0; i--) {
        if (seen[i].source.actor === event.source.actor && seen[i].target?.actor === event.target?.actor) {
          occurredOn = seen[i].occurredOn as string;
          break;
        }
      }
    }
    if (occurredOn !== published && toDays(published) - toDays(occurredOn) > OLDEST_RECAP_DAYS) continue;
    event.occurredOn = occurredOn;
    seen.push(event);
    result.push(event);
  }
  return result;
}

/** An answer to mediation is aimed at the mediator whenever the report names one. */
function settleMediators(events: readonly RawEvent[]): RawEvent[] {
  const mediators = events.filter((e) => e.category === 'MEDIATION_OFFER' || e.category === 'MEDIATION').map((e) => e.source.actor);
  if (mediators.length === 0) return [...events];
  return events.map((event) => {
    if (event.category !== 'MEDIATION_ACCEPTED' && event.category !== 'MEDIATION_REJECTED') return event;
    const mediator = mediators.find((m) => m !== event.source.actor);
    if (mediator && mediator !== event.target?.actor) event.target = { actor: mediator, text: lexicon().nameOf(mediator) };
    return event;
  });
}

/** A statement repeated across sentences is one incident: it takes the latest date stated, else publication day. */
function dateStatements(events: readonly RawEvent[], published: string): PlacedEvent[] {
  const latest = new Map<string, string>();
  const keyOf = (event: RawEvent): string => `${event.category}|${event.source.actor}|${event.parties?.join('+') ?? event.target?.actor}`;
  // Keys are built once per event: the second pass reads those of the first.
  const keys = events.map((event) => (event.category === 'STRIKE' && event.occurredOn ? null : keyOf(event)));
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const key = keys[i];
    if (key === null || !event.occurredOn) continue;
    const held = latest.get(key);
    if (!held || event.occurredOn > held) latest.set(key, event.occurredOn);
  }
  for (let i = 0; i < events.length; i++) {
    const key = keys[i];
    if (key !== null) events[i].occurredOn = latest.get(key) ?? published;
  }
  return events as PlacedEvent[];
}
