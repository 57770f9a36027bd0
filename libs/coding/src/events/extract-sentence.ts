import type { CasualtyClaim, Category, Speaker } from '@app/contracts';
import type { Discourse, SentenceContext } from '../actors/context';
import type { Mention } from '../actors/mentions';
import { lexicon } from '../actors/lexicon';
import { findCasualties } from '../casualties/casualties';
import { claimantAt } from '../actors/speakers';
import { findCues, strikeCameo, type CueMatch } from '../cues/cues';
import { dateAt, isBackground } from '../dates/dating';
import { readStrike, type DirectedRoles } from './directed-roles';
import { findConditions, isNegated, isRequested, isUnrealised } from './filters';
import { readSides, readMediation, readThirdPartyStatement, type PartyRoles } from './party-roles';
import { actorRef, sectorIn, type Blame, type RawEvent } from './raw-event';
import { readAnswer, readBlame, readDirectedStatement, readSupportAccusation, readViolation } from './statement-roles';
import { sortInPlace } from '../text/sort';

const nameOf = (code: string): string => lexicon().nameOf(code);

export interface SentenceReading {
  events: RawEvent[];
  /** Strikes with a target and a date but no actor yet. */
  open: RawEvent[];
  blames: Blame[];
  /** The strike the next sentences talk about ("the attack"), if this sentence names one. */
  focus: RawEvent | null;
}

interface Settings {
  published: string;
  focus: RawEvent | null;
}

const NON_STATE_AGENT = /\b(?:gunmen|militants|attackers|rebels|insurgents|terrorists|separatists|group|fighters|militia)\b[^.;,]{0,40}$/i;

export function readSentence(ctx: SentenceContext, discourse: Discourse, settings: Settings): SentenceReading {
  const reading: SentenceReading = { events: [], open: [], blames: [], focus: null };
  if (ctx.history) return reading;
  const cues = findCues(ctx.text, ctx.tokens);
  if (cues.length === 0) {
    attachCasualties(ctx, reading, settings.focus);
    return reading;
  }
  let unattributedStrike = false;
  for (const cue of cues.filter((c) => c.category === 'STRIKE')) {
    if (isUnrealised(ctx.tokens, cue.start)) continue;
    const strike = readStrike(cue, ctx, discourse);
    unattributedStrike ||= strike.unattributed;
    for (const roles of strike.roles) reading.events.push(directedEvent(cue, roles, ctx, discourse, settings, strikeCameo(cue.text)));
    if (strike.open) {
      const event = directedEvent(cue, { source: strike.open.target, target: strike.open.target, inferredTarget: false, anaphoric: false }, ctx, discourse, settings, strikeCameo(cue.text));
      if (event.date) reading.open.push(event);
    }
  }
  const strikes = reading.events.filter((event) => event.category === 'STRIKE');
  const mainStrikes = strikes.filter((event) => !isBackground(ctx.text, ctx.dates, event.position));
  reading.focus = mainStrikes[mainStrikes.length - 1] ?? strikes[strikes.length - 1] ?? null;
  const focusSource = (reading.focus ?? settings.focus)?.source.actor ?? null;
  const thirdParties = new Set<string>();
  const later: CueMatch[] = [];
  for (const cue of cues) {
    if (cue.category === 'STRIKE') continue;
    if (cue.category === 'TALKS' || cue.category === 'CEASEFIRE') {
      later.push(cue);
      continue;
    }
    if (blockedByModality(cue, ctx)) continue;
    for (const event of readCue(cue, ctx, discourse, settings, focusSource, reading)) {
      if (cue.category === 'MEDIATION' || cue.category === 'MEDIATION_OFFER' || cue.category === 'APPEAL_FOR_RESTRAINT') thirdParties.add(event.source.actor);
      reading.events.push(event);
    }
  }
  for (const cue of later) {
    if (blockedByModality(cue, ctx)) continue;
    const sides = readSides(cue, ctx, discourse, thirdParties);
    if (sides) reading.events.push(partyEvent(cue, sides, ctx, discourse, settings));
  }
  attachCasualties(ctx, reading, unattributedStrike ? null : settings.focus);
  return reading;
}

function blockedByModality(cue: CueMatch, ctx: SentenceContext): boolean {
  switch (cue.category) {
    case 'CEASEFIRE':
      return isRequested(ctx.text, cue.start);
    case 'MEDIATION_REJECTED':
      return false;
    case 'THREAT':
      return !/\bnot\b|\bnever\b/i.test(cue.text) && isNegated(ctx.tokens, cue.start);
    case 'TALKS':
    case 'MEDIATION':
      return isUnrealised(ctx.tokens, cue.start);
    case 'ACCUSATION':
      return isNegated(ctx.tokens, cue.start) || (cue.form === 'support' && isStopped(ctx, cue.start));
    default:
      return isNegated(ctx.tokens, cue.start);
  }
}

/** "France and the United States called on …": a statement made jointly is one per state. */
function coSubjects(ctx: SentenceContext, subject: Mention | undefined, before: number): Mention[] {
  if (!subject) return [];
  const index = ctx.mentions.indexOf(subject);
  const joined = (a: Mention | undefined, b: Mention | undefined): boolean => {
    if (!a || !b) return false;
    let at = a.tokenEnd + (a.possessive ? 2 : 0);
    if (ctx.tokens[at]?.lower !== 'and') return false;
    if (ctx.tokens[at + 1]?.lower === 'the') at++;
    return b.tokenStart === at + 1;
  };
  const partners: Mention[] = [];
  const previous = ctx.mentions[index - 1];
  const next = ctx.mentions[index + 1];
  if (joined(previous, subject) && previous.actor && !previous.preposition) partners.push(previous);
  if (joined(subject, next) && next.actor && next.end <= before) partners.push(next);
  return partners;
}

function withSource(event: RawEvent, partner: Mention): RawEvent | null {
  const actor = partner.actor as string;
  if (actor === event.source.actor || actor === event.target?.actor || event.parties?.includes(actor)) return null;
  return { ...event, source: actorRef(actor, partner, nameOf(actor), event.source.sector), speakers: [], fatalities: [], injuries: [] };
}

// "committed to stop supporting armed groups": a pledge to stop, not an accusation.
function isStopped(ctx: SentenceContext, position: number): boolean {
  const before = ctx.text.slice(Math.max(0, position - 25), position);
  return /\b(?:stop|stopped|end|ending|cease|halt|no longer|never)\s+(?:\w+\s+)?$/i.test(before);
}

function readCue(cue: CueMatch, ctx: SentenceContext, discourse: Discourse, settings: Settings, focusSource: string | null, reading: SentenceReading): RawEvent[] {
  const category: Category = cue.category;
  let event: RawEvent | null = null;
  let subject: Mention | undefined;
  switch (category) {
    case 'THREAT':
    case 'DIPLOMATIC_SANCTION':
    case 'CONDEMNATION': {
      const roles = readDirectedStatement(cue, ctx, discourse, focusSource);
      subject = roles?.source.mention;
      event = roles ? directedEvent(cue, roles, ctx, discourse, settings, cue.cameo) : null;
      break;
    }
    case 'ACCUSATION': {
      const roles = cue.form === 'violation' ? readViolation(cue, ctx, discourse, focusSource)
        : cue.form === 'support' ? readSupportAccusation(cue, ctx, discourse)
        : cue.form === 'blame' ? readBlame(cue, ctx, discourse)
        : readDirectedStatement(cue, ctx, discourse, focusSource);
      // "blamed criminal gangs": an accusation needs a state to accuse.
      if (roles && roles.inferredTarget && (cue.form === 'blame' || cue.form === 'accusedOf') && !/^\s+(?:it|them|its|their|the other|each other)\b/i.test(ctx.text.slice(cue.end))) break;
      if (roles && cue.form === 'blame' && !roles.inferredTarget) reading.blames.push({ accuser: roles.source.actor, accused: roles.target.actor, sentence: ctx.index });
      subject = roles?.source.mention;
      event = roles ? directedEvent(cue, roles, ctx, discourse, settings, cue.cameo) : null;
      break;
    }
    case 'MEDIATION_ACCEPTED':
    case 'MEDIATION_REJECTED': {
      const roles = readAnswer(cue, ctx, discourse);
      event = roles && discourse.dyad?.includes(roles.source.actor) ? directedEvent(cue, roles, ctx, discourse, settings, cue.cameo) : null;
      break;
    }
    case 'APPEAL_FOR_RESTRAINT':
    case 'MEDIATION_OFFER': {
      const roles = readThirdPartyStatement(cue, ctx, discourse);
      subject = roles?.source.mention;
      event = roles ? partyEvent(cue, roles, ctx, discourse, settings) : null;
      break;
    }
    case 'MEDIATION': {
      const roles = readMediation(cue, ctx, discourse);
      subject = roles?.source.mention;
      event = roles ? partyEvent(cue, roles, ctx, discourse, settings) : null;
      break;
    }
    case 'STRIKE':
    case 'TALKS':
    case 'CEASEFIRE':
      break;
    default: {
      const unreachable: never = category;
      return unreachable;
    }
  }
  if (!event) return [];
  const joint = coSubjects(ctx, subject, category === 'MEDIATION' ? Infinity : cue.start).map((partner) => withSource(event as RawEvent, partner)).filter((e): e is RawEvent => e !== null);
  return [event, ...joint];
}

function speakersFor(actor: string, ctx: SentenceContext, discourse: Discourse): Speaker[] {
  if (ctx.speaker?.actor === actor && (ctx.speaker.name || ctx.speaker.role)) return [ctx.speaker];
  if (!ctx.speaker && ctx.subjectSpeaker?.actor === actor) return [ctx.subjectSpeaker];
  const pronounSpeaker = !ctx.speaker && discourse.speakerRecord?.actor === actor && /\b(?:she|he|we)\b/i.test(ctx.text);
  return pronounSpeaker && discourse.speakerRecord ? [discourse.speakerRecord] : [];
}

function confidenceOf(inferred: boolean, viaReference: boolean, nominal: boolean): number {
  const value = 0.92 - (inferred ? 0.17 : 0) - (viaReference ? 0.1 : 0) - (nominal ? 0.05 : 0);
  return Math.round(Math.max(0.3, Math.min(0.95, value)) * 100) / 100;
}

function dateOf(cue: CueMatch, ctx: SentenceContext, settings: Settings, discourse: Discourse): string | null {
  return dateAt(ctx.text, ctx.dates, cue.start, settings.published, discourse.lastDate);
}

function directedEvent(cue: CueMatch, roles: DirectedRoles, ctx: SentenceContext, discourse: Discourse, settings: Settings, cameo: string): RawEvent {
  const isStrike = cue.category === 'STRIKE';
  const targetSector = isStrike ? sectorIn(ctx.text.slice(cue.start, Math.min(ctx.text.length, cue.end + 90))) ?? roles.target.mention?.sector : roles.target.mention?.sector;
  const viaReference = roles.source.mention?.kind === 'pronoun' || roles.source.mention?.kind === 'institution';
  return {
    category: cue.category, cameo, goldstein: cue.goldstein,
    source: actorRef(roles.source.actor, roles.source.mention, nameOf(roles.source.actor), isStrike ? 'MIL' : roles.source.mention?.sector),
    target: actorRef(roles.target.actor, roles.target.mention, nameOf(roles.target.actor), targetSector),
    parties: undefined,
    date: dateOf(cue, ctx, settings, discourse), occurredOn: null, anaphoric: roles.anaphoric,
    sentence: ctx.index, text: ctx.text, position: cue.start, fatalities: [], injuries: [], conditions: [],
    speakers: speakersFor(roles.source.actor, ctx, discourse),
    confidence: confidenceOf(roles.inferredTarget, viaReference, cue.form === 'nominal'),
  };
}

function partyEvent(cue: CueMatch, roles: PartyRoles, ctx: SentenceContext, discourse: Discourse, settings: Settings): RawEvent {
  const symmetric = cue.category === 'TALKS' || cue.category === 'CEASEFIRE';
  const source = symmetric ? roles.parties[0] : roles.source.actor;
  return {
    category: cue.category, cameo: cue.cameo, goldstein: cue.goldstein,
    source: actorRef(source, roles.source.mention?.actor === source ? roles.source.mention : undefined, nameOf(source)),
    target: undefined, parties: roles.parties,
    date: dateOf(cue, ctx, settings, discourse), occurredOn: null, anaphoric: false,
    sentence: ctx.index, text: ctx.text, position: cue.start, fatalities: [], injuries: [],
    conditions: cue.category === 'MEDIATION_OFFER' ? findConditions(ctx.text) : [],
    speakers: symmetric ? [] : speakersFor(source, ctx, discourse),
    confidence: confidenceOf(roles.inferred, roles.source.mention?.kind === 'pronoun', false),
  };
}

function attachCasualties(ctx: SentenceContext, reading: SentenceReading, focus: RawEvent | null): void {
  const strikes = sortInPlace([...reading.events.filter((event) => event.category === 'STRIKE'), ...reading.open], (a, b) => a.position - b.position);
  // Figures are only read when there is a strike to give them to.
  if (strikes.length === 0 && !focus) return;
  for (const casualty of findCasualties(ctx.tokens)) {
    if (NON_STATE_AGENT.test(ctx.text.slice(Math.max(0, casualty.position - 60), casualty.position))) continue;
    const before = strikes.filter((event) => event.position <= casualty.position);
    const event = before[before.length - 1] ?? strikes[0] ?? (strikes.length === 0 ? focus : null);
    if (!event) continue;
    const claim: CasualtyClaim = { count: casualty.count, qualifier: casualty.qualifier, claimedBy: claimantAt(ctx, casualty.position) };
    (casualty.kind === 'killed' ? event.fatalities : event.injuries).push(claim);
  }
}
