import { lexicon } from '../actors/lexicon';
import { toDays } from '../dates/calendar';
import type { Blame, RawEvent } from './raw-event';

export interface ReportFindings {
  events: RawEvent[];
  open: RawEvent[];
  blames: Blame[];
  /** States that deny carrying out an attack in this report. */
  deniers: Set<string>;
  published: string;
}

const OLDEST_RECAP_DAYS = 60;

/** Report-level passes: blamed strikes, denials, strike dates and coreference, mediators, dates of statements. */
export function resolveReport(findings: ReportFindings): Array<RawEvent & { occurredOn: string }> {
  const events = [...findings.events, ...settleOpenStrikes(findings.open, findings.blames)]
    .filter((event) => !(event.category === 'STRIKE' && findings.deniers.has(event.source.actor)))
    .sort((a, b) => a.sentence - b.sentence || a.position - b.position);
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

function clampToPublished(date: string, published: string): string {
  return toDays(date) > toDays(published) ? published : date;
}

/** Undated strike mentions join the latest earlier strike of the same direction; otherwise they take publication day. */
function dateStrikes(events: readonly RawEvent[], published: string): Array<RawEvent & { occurredOn: string | null }> {
  const result: Array<RawEvent & { occurredOn: string | null }> = [];
  const seen: Array<RawEvent & { occurredOn: string }> = [];
  for (const event of events) {
    if (event.category !== 'STRIKE') {
      result.push({ ...event, occurredOn: event.date ? clampToPublished(event.date, published) : null });
      continue;
    }
    let occurredOn = event.date ? clampToPublished(event.date, published) : null;
    if (!occurredOn) {
      const earlier = [...seen].reverse().find((s) => s.source.actor === event.source.actor && s.target?.actor === event.target?.actor);
      occurredOn = earlier?.occurredOn ?? published;
    }
    if (toDays(published) - toDays(occurredOn) > OLDEST_RECAP_DAYS) continue;
    const placed = { ...event, occurredOn };
    seen.push(placed);
    result.push(placed);
  }
  return result;
}

/** An answer to mediation is aimed at the mediator whenever the report names one. */
function settleMediators<T extends RawEvent>(events: readonly T[]): T[] {
  const mediators = events.filter((e) => e.category === 'MEDIATION_OFFER' || e.category === 'MEDIATION').map((e) => e.source.actor);
  if (mediators.length === 0) return [...events];
  return events.map((event) => {
    if (event.category !== 'MEDIATION_ACCEPTED' && event.category !== 'MEDIATION_REJECTED') return event;
    const mediator = mediators.find((m) => m !== event.source.actor);
    return mediator && mediator !== event.target?.actor ? { ...event, target: { actor: mediator, text: lexicon().nameOf(mediator) } } : event;
  });
}

/** A statement repeated across sentences is one incident: it takes the latest date stated, else publication day. */
function dateStatements(events: ReadonlyArray<RawEvent & { occurredOn: string | null }>, published: string): Array<RawEvent & { occurredOn: string }> {
  const latest = new Map<string, string>();
  const keyOf = (event: RawEvent): string => `${event.category}|${event.source.actor}|${event.parties?.join('+') ?? event.target?.actor}`;
  for (const event of events) {
    if (event.category === 'STRIKE' || !event.occurredOn) continue;
    const held = latest.get(keyOf(event));
    if (!held || event.occurredOn > held) latest.set(keyOf(event), event.occurredOn);
  }
  return events.map((event) => ({ ...event, occurredOn: event.occurredOn && event.category === 'STRIKE' ? event.occurredOn : latest.get(keyOf(event)) ?? published }));
}
