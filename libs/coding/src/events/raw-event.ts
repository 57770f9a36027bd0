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
  /** The date the report-level passes settle on. */
  occurredOn: string | null;
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

const SECTOR_OF = new Map<string, Sector>();
for (const sector of ['REB', 'CVL', 'MIL', 'GOV'] as const) {
  for (const word of (lexiconData.sectorWords as Record<Sector, string[]>)[sector]) if (!SECTOR_OF.has(word)) SECTOR_OF.set(word, sector);
}
const SECTOR_WORD = new RegExp(`\\b(?:${[...SECTOR_OF.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`, 'i');

/** The sector named in a stretch of text: the earliest sector word wins. */
export function sectorIn(text: string): Sector | undefined {
  const match = SECTOR_WORD.exec(text);
  return match ? SECTOR_OF.get(match[0].toLowerCase()) : undefined;
}

export function actorRef(actor: string, mention: Mention | undefined, fallbackText: string, sector?: Sector): ActorRef {
  const chosen = sector ?? mention?.sector;
  return chosen ? { actor, sector: chosen, text: mention?.text ?? fallbackText } : { actor, text: mention?.text ?? fallbackText };
}
