import type { ActorRef, CasualtyClaim, Category, Sector, Speaker } from '@app/contracts';
import lexiconData from '../dictionaries/lexicon.json';
import type { Mention } from '../actors/mentions';

/** An incident as one sentence states it, before the report-level passes date, merge and identify it. */
export interface RawEvent {
  category: Category;
  cameo: string;
  goldstein: number;
  source: ActorRef;
  target?: ActorRef;
  parties?: string[];
  /** The date the sentence gives the incident, or null. */
  date: string | null;
  /** Mentioned as known already ("the strike"): joins an earlier incident rather than opening one. */
  anaphoric: boolean;
  sentence: number;
  text: string;
  position: number;
  fatalities: CasualtyClaim[];
  injuries: CasualtyClaim[];
  conditions: string[];
  speakers: Speaker[];
  confidence: number;
}

/** A strike whose actor the sentence leaves open ("an April 1 strike on Iran's consulate"), for a later "blamed on". */
export interface PendingStrike {
  event: RawEvent;
}

/** "Iran blamed Israel for that strike": who blames whom, to settle a pending strike. */
export interface Blame {
  accuser: string;
  accused: string;
  sentence: number;
}

const SECTOR_WORDS: Array<[Sector, RegExp]> = (['REB', 'CVL', 'MIL', 'GOV'] as const).map((sector) => [
  sector,
  new RegExp(`\\b(?:${(lexiconData.sectorWords as Record<Sector, string[]>)[sector].join('|')})\\b`, 'i'),
]);

/** The sector named in a stretch of text: the earliest sector word wins. */
export function sectorIn(text: string): Sector | undefined {
  let best: { sector: Sector; index: number } | undefined;
  for (const [sector, pattern] of SECTOR_WORDS) {
    const match = pattern.exec(text);
    if (match && (!best || match.index < best.index)) best = { sector, index: match.index };
  }
  return best?.sector;
}

export function actorRef(actor: string, mention: Mention | undefined, fallbackText: string, sector?: Sector): ActorRef {
  const chosen = sector ?? mention?.sector;
  return chosen ? { actor, sector: chosen, text: mention?.text ?? fallbackText } : { actor, text: mention?.text ?? fallbackText };
}
