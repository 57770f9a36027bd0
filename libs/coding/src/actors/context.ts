import type { Speaker } from '@app/contracts';
import type { DateExpression } from '../dates/date-expressions';
import type { Token } from '../text/tokenize';
import type { Mention } from './mentions';

/** One reporting construction: "Pakistan said", "according to Tehran". */
export interface Attribution {
  position: number;
  actor: string | null;
  speaker: Speaker | null;
}

/** Everything the coder knows about one sentence before it looks for incidents. */
export interface SentenceContext {
  index: number;
  text: string;
  tokens: Token[];
  mentions: Mention[];
  dates: DateExpression[];
  attributions: Attribution[];
  /** The state speaking in the sentence, if a reporting verb names one. */
  speakerActor: string | null;
  speaker: Speaker | null;
  /** "In Beijing, …": where the sentence is set, standing in for a bare "the Foreign Ministry". */
  location: string | null;
  /** The first name in subject position. */
  mainSubject: string | null;
  /** The person or office in subject position, as a speaker record ("Mao Ning urged …"). */
  subjectSpeaker: Speaker | null;
  history: boolean;
}

/** What carries over from sentence to sentence. */
export interface Discourse {
  speaker: string | null;
  speakerRecord: Speaker | null;
  subject: string | null;
  dyad: [string, string] | null;
  /** Last date a sentence stated, for "the next day". */
  lastDate: string | null;
  /** The state last accused, condemned or seen striking: what a third party's "condemned the incursion" is aimed at. */
  lastAccused: string | null;
}

export const PRONOUNS_OF_SPEAKER = new Set(['we', 'our', 'he', 'she', 'his', 'her', 'i']);

/** The state a mention stands for in its context (names directly; pronouns and bare institutions by context). */
export function resolveMention(mention: Mention, ctx: SentenceContext, discourse: Discourse): string | null {
  if (mention.actor) return mention.actor;
  switch (mention.kind) {
    case 'institution':
      return ctx.location ?? ctx.speakerActor ?? discourse.speaker ?? discourse.subject;
    case 'pronoun':
      if (PRONOUNS_OF_SPEAKER.has(mention.text.toLowerCase())) return ctx.speakerActor ?? discourse.speaker;
      return ctx.speakerActor ?? discourse.speaker ?? discourse.subject;
    case 'nonstate':
    case 'dyad':
    case 'country':
    case 'capital':
    case 'demonym':
    case 'metonym':
    case 'person':
      return null;
    default: {
      const unreachable: never = mention.kind;
      return unreachable;
    }
  }
}

export const otherSide = (dyad: [string, string] | null, actor: string | null): string | null => {
  if (!dyad || !actor) return null;
  if (dyad[0] === actor) return dyad[1];
  if (dyad[1] === actor) return dyad[0];
  return null;
};
