import type { Speaker } from '@app/contracts';
import lexiconData from '../dictionaries/lexicon.json';
import type { Token } from '../text/tokenize';
import type { Attribution, Discourse, SentenceContext } from './context';
import type { Mention } from './mentions';
import { actorOf, modifierBefore, subjectBefore } from './roles';
import { allMatches } from '../text/matches';
import { sortInPlace } from '../text/sort';

interface Person {
  fullName: string;
  role: string | null;
  actor: string | null;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TITLES = [...lexiconData.titles].sort((a, b) => b.length - a.length).map(escape).join('|');
const NAME = "[A-Z][\\p{L}'’.-]+(?:\\s+(?:[A-Z][\\p{L}'’.-]+|(?:bin|al|de|da|van|von|der|el|ul)(?![\\p{L}]))){0,4}";
const TITLED_NAME = new RegExp(`\\b(${TITLES})(?:\\s+(?:in|to|of|for)\\s+[A-Z][\\p{L}]+)?,?\\s+(${NAME})`, 'gu');
const TITLE_HINT = new RegExp(`\\b(?:${TITLES})\\b`);
const REPORTING = /\b(said|says|say|told|tells|added|adds|stated|announced|noted|insisted|claimed|claims|reported|declared|wrote|posted|saying|adding|confirmed|stressed|asserted|alleged|reiterated|iterated|according to)\b/gi;

/** People named with a title in this report ("Foreign Ministry spokeswoman Mao Ning"), by full and last name. */
export class PersonRegistry {
  private readonly people = new Map<string, Person>();

  learn(ctx: SentenceContext, discourse: Discourse): void {
    if (!TITLE_HINT.test(ctx.text)) return;
    for (const match of allMatches(TITLED_NAME, ctx.text)) {
      const fullName = match[2].replace(/[.,]$/, '');
      const owner = modifierBefore(ctx, discourse, match.index ?? 0, 4);
      const known = ctx.mentions.find((m) => m.kind === 'person' && m.start >= (match.index ?? 0) && m.actor);
      const actor = owner && owner !== 'blocked' ? owner.actor : known?.actor ?? null;
      const person: Person = { fullName, role: match[1], actor };
      this.people.set(fullName, person);
      const last = fullName.split(/\s+/).pop();
      if (last && last !== fullName && !this.people.has(last)) this.people.set(last, person);
    }
  }

  lookup(name: string): Person | undefined {
    return this.people.get(name);
  }

  /** Adds person mentions for registered names the lexicon does not know. */
  addMentions(tokens: readonly Token[], mentions: Mention[]): Mention[] {
    if (this.people.size === 0) return mentions;
    const added: Mention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const person = this.people.get(tokens[i].text);
      if (!person?.actor || mentions.some((m) => m.tokenStart <= i && i < m.tokenEnd)) continue;
      added.push({
        actor: person.actor, kind: 'person', sector: 'GOV', text: tokens[i].text, start: tokens[i].start, end: tokens[i].end,
        tokenStart: i, tokenEnd: i + 1, possessive: false, compound: false, preposition: null, agentive: true,
      });
    }
    return added.length === 0 ? mentions : sortInPlace([...mentions, ...added], (a, b) => a.start - b.start);
  }
}

function speakerOf(mention: Mention | undefined, actor: string | null, registry: PersonRegistry, discourse?: Discourse): Speaker | null {
  if (!mention) return actor ? { name: null, role: null, actor } : null;
  if (mention.kind === 'pronoun' && discourse?.speakerRecord?.actor === actor) return discourse.speakerRecord;
  if (mention.kind === 'person') {
    const person = registry.lookup(mention.text);
    return { name: person?.fullName ?? mention.text, role: person?.role ?? null, actor };
  }
  if (mention.kind === 'institution') return { name: null, role: mention.text, actor };
  return { name: null, role: null, actor };
}

/** Finds who speaks in a sentence, where it is set, and its first subject; fills the context in place. */
export function analyseAttribution(ctx: SentenceContext, discourse: Discourse, registry: PersonRegistry): void {
  ctx.location = settingOf(ctx);
  ctx.speakerActor = null;
  const neutral = ctx;
  const subject = firstSubject(neutral, discourse);
  ctx.mainSubject = subject?.actor ?? null;
  const spokesperson = subject
    ? ctx.mentions.find((m) => m.kind === 'person' && m.actor === subject.actor && !m.preposition) ??
      ctx.mentions.find((m) => m.kind === 'institution' && m.actor === subject.actor && !m.preposition)
    : undefined;
  ctx.subjectSpeaker = subject && spokesperson ? speakerOf(spokesperson, subject.actor, registry) : null;
  const attributions: Attribution[] = [];
  for (const match of allMatches(REPORTING, ctx.text)) {
    const position = match.index ?? 0;
    const verb = match[1].toLowerCase();
    let mention: Mention | undefined;
    let actor: string | null = null;
    if (verb === 'according to') {
      mention = ctx.mentions.find((m) => m.start > position && m.kind !== 'dyad');
      actor = mention ? actorOf(mention, neutral, discourse) : null;
    } else if (verb === 'saying' || verb === 'adding') {
      actor = ctx.mainSubject;
      mention = subject?.mention;
    } else {
      const after = ctx.mentions.find((m) => m.start > position && m.start - (position + verb.length) <= 1 && (m.kind === 'person' || m.kind === 'institution'));
      const found = after ? { actor: actorOf(after, neutral, discourse), mention: after } : subjectBefore(neutral, discourse, position);
      if (found && found !== 'blocked' && found.actor) {
        mention = found.mention;
        actor = found.actor;
      }
    }
    attributions.push({ position, actor, speaker: speakerOf(mention, actor, registry, discourse) });
  }
  ctx.attributions = attributions;
  const lead = attributions.find((attribution) => attribution.actor);
  ctx.speakerActor = lead?.actor ?? null;
  ctx.speaker = lead?.speaker ?? null;
}

// "In Beijing, the Foreign Ministry spokeswoman …": the capital the sentence opens in.
function settingOf(ctx: SentenceContext): string | null {
  const opening = /^(?:In|From|At)\s+[^,]{1,40},/.exec(ctx.text);
  if (!opening) return null;
  const place = ctx.mentions.find((m) => m.end <= opening[0].length && (m.kind === 'capital' || m.kind === 'metonym'));
  return place?.actor ?? null;
}

function firstSubject(ctx: SentenceContext, discourse: Discourse): { actor: string; mention: Mention } | null {
  for (const mention of ctx.mentions) {
    if (mention.kind === 'dyad' || mention.compound || !mention.agentive || mention.preposition) continue;
    if (mention.kind === 'nonstate') return null;
    const actor = actorOf(mention, ctx, discourse);
    if (actor) return { actor, mention };
  }
  return null;
}

/** Who claims a figure at a position: the nearest reporting construction before it, else the first after. */
export function claimantAt(ctx: SentenceContext, position: number): string | null {
  const according = ctx.attributions.find((a) => a.actor && /^according/i.test(ctx.text.slice(a.position, a.position + 9)));
  if (according) return according.actor;
  const before = ctx.attributions.filter((a) => a.position < position && a.actor);
  if (before.length > 0) return before[before.length - 1].actor;
  return ctx.attributions.find((a) => a.position > position && a.actor)?.actor ?? null;
}
