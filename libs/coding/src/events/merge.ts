import type { CasualtyClaim, CodedEvent, Speaker } from '@app/contracts';
import type { RawEvent } from './raw-event';
import { sortInPlace } from '../text/sort';

/** The identity of an incident inside a report: category, source, target or parties, date. */
export function incidentKey(event: Pick<RawEvent, 'category' | 'source' | 'target' | 'parties'>, date: string): string {
  const other = event.parties ? event.parties.join('+') : event.target?.actor ?? '';
  return `${event.category}|${event.source.actor}|${other}|${date}`;
}

/** One claim per claimant: the largest count; a figure beats "several". */
export function mergeClaims(claims: readonly CasualtyClaim[]): CasualtyClaim[] {
  if (claims.length === 0) return [];
  const byClaimant = new Map<string, CasualtyClaim>();
  for (const claim of claims) {
    const key = claim.claimedBy ?? '';
    const held = byClaimant.get(key);
    if (!held || better(claim, held)) byClaimant.set(key, { ...claim });
  }
  return sortInPlace([...byClaimant.values()], (a, b) => (a.claimedBy ?? '').localeCompare(b.claimedBy ?? ''));
}

function better(claim: CasualtyClaim, held: CasualtyClaim): boolean {
  if (claim.count === null) return false;
  if (held.count === null) return true;
  return claim.count > held.count;
}

export function mergeSpeakers(speakers: readonly Speaker[]): Speaker[] {
  const seen = new Map<string, Speaker>();
  for (const speaker of speakers) {
    const key = speaker.name ?? `${speaker.role}|${speaker.actor}`;
    const held = seen.get(key);
    if (!held) seen.set(key, speaker);
    else if (!held.role && speaker.role) seen.set(key, { ...held, role: speaker.role });
  }
  return [...seen.values()];
}

export type Draft = Omit<CodedEvent, 'eventId' | 'reportId'>;

/** Folds raw events that share an incident key into one coded draft, in order of first mention. */
export function mergeIncidents(events: ReadonlyArray<RawEvent & { occurredOn: string }>): Draft[] {
  const groups = new Map<string, Array<RawEvent & { occurredOn: string }>>();
  for (const event of events) {
    const key = incidentKey(event, event.occurredOn);
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  return [...groups.values()].map(mergeGroup);
}

type Placed = RawEvent & { occurredOn: string };

// Most incidents are stated once: their lists are taken as they are rather than gathered into new ones.
function gathered<T>(group: readonly Placed[], list: (event: Placed) => T[]): T[] {
  if (group.length === 1) return list(group[0]);
  const items: T[] = [];
  for (const event of group) for (const item of list(event)) items.push(item);
  return items;
}

function mergeGroup(group: readonly Placed[]): Draft {
  const first = group[0];
  let confidence = first.confidence;
  for (const event of group) if (event.confidence > confidence) confidence = event.confidence;
  const draft: Draft = {
    category: first.category, cameo: first.cameo, goldstein: first.goldstein,
    source: group.find((event) => event.source.text !== event.source.actor)?.source ?? first.source,
    occurredOn: first.occurredOn,
    fatalities: mergeClaims(gathered(group, (event) => event.fatalities)),
    injuries: mergeClaims(gathered(group, (event) => event.injuries)),
    conditions: [...new Set(gathered(group, (event) => event.conditions))],
    speakers: mergeSpeakers(gathered(group, (event) => event.speakers)),
    evidence: { sentence: first.sentence, text: first.text },
    confidence,
  };
  if (first.parties) draft.parties = first.parties;
  else if (first.target) draft.target = group.find((event) => event.target?.sector)?.target ?? first.target;
  return draft;
}
