import { otherSide, type Discourse, type SentenceContext } from '../actors/context';
import type { Mention } from '../actors/mentions';
import { BLOCKED, actorOf, agentAfter, objectAfter, subjectBefore, type Role } from '../actors/roles';
import type { CueMatch } from '../cues/cues';
import { statementSource, withTarget, type DirectedRoles } from './directed-roles';

const CALLING = /\b(calling|called|describing|described|terming|termed|branding|branded)\s+(?:[\w'’]+\s+){0,3}?(?:as\s+)?(?:an?\s+)?(?:\w+\s+)?$/i;

function callerOf(cue: CueMatch, ctx: SentenceContext, discourse: Discourse): string | null {
  const from = Math.max(0, cue.start - 50);
  const match = CALLING.exec(`${ctx.text.slice(from, cue.start).trimEnd()} `);
  if (!match) return null;
  if (/^(?:calling|describing|terming|branding)$/i.test(match[1])) return ctx.speakerActor ?? ctx.mainSubject;
  const subject = subjectBefore(ctx, discourse, from + match.index);
  return subject && subject !== BLOCKED ? subject.actor : ctx.speakerActor;
}
const SAYING = /\b(?:described|called|calling|termed|branded|labell?ed|denounced|condemned)\b/i;
const roleOf = (actor: string, ctx: SentenceContext): Role => ({ actor, mention: ctx.mentions.find((m) => m.actor === actor) as Mention });

/** The state a statement is aimed at when the sentence names none: the actor of the strike in focus, else the other side. */
function implicitTarget(source: Role, focusSource: string | null, discourse: Discourse): DirectedRoles | null {
  if (focusSource && focusSource !== source.actor) return { source, target: { actor: focusSource }, inferredTarget: true, anaphoric: false };
  const inDyad = withTarget(source, null, discourse.dyad);
  if (inDyad) return inDyad;
  const accused = discourse.lastAccused;
  return accused && accused !== source.actor ? { source, target: { actor: accused }, inferredTarget: true, anaphoric: false } : null;
}

/** "Israel would face a severe punishment": the speaker threatens the state that will face it. */
export function readFacedThreat(cue: CueMatch, ctx: SentenceContext, discourse: Discourse): DirectedRoles | null {
  const faced = [...ctx.mentions].reverse().find((m) => m.end <= cue.start && m.actor && !m.compound);
  const speaker = ctx.speakerActor ?? ctx.mainSubject ?? discourse.speaker;
  if (!faced?.actor || !speaker || faced.actor === speaker) return null;
  return { source: roleOf(speaker, ctx), target: { actor: faced.actor, mention: faced }, inferredTarget: false, anaphoric: false };
}

/** THREAT, DIPLOMATIC_SANCTION, CONDEMNATION and plain ACCUSATION: subject (or speaker) acts on the next state named. */
export function readDirectedStatement(cue: CueMatch, ctx: SentenceContext, discourse: Discourse, focusSource: string | null): DirectedRoles | null {
  if (cue.form === 'faces') return readFacedThreat(cue, ctx, discourse);
  // "…, calling it an act of aggression", "described Kenya's decision as regrettable": the one who calls it so speaks.
  const caller = cue.category === 'ACCUSATION' || cue.category === 'CONDEMNATION' ? callerOf(cue, ctx, discourse) : null;
  if (caller) {
    const source = roleOf(caller, ctx);
    const target = objectAfter(ctx, discourse, cue.end, source.actor);
    return target ? withTarget(source, target, discourse.dyad) : implicitTarget(source, focusSource, discourse);
  }
  const passive = cue.form === 'passive' || /persona non grata|\bnot be allowed\b|\bin abeyance\b/i.test(cue.text) && !/\b(?:declared?|held|hold|holding|put|placed|kept|suspend\w*)\b/i.test(cue.text);
  if (passive) {
    const actor = ctx.speakerActor ?? discourse.speaker;
    if (!actor) return null;
    const source = roleOf(actor, ctx);
    const target = objectAfter(ctx, discourse, 0, actor);
    return withTarget(source, target, discourse.dyad);
  }
  const source = statementSource(cue, ctx, discourse);
  if (!source) return null;
  const target = objectAfter(ctx, discourse, cue.start + 1, source.actor);
  if (target) return withTarget(source, target, discourse.dyad);
  return cue.category === 'CONDEMNATION' || cue.category === 'ACCUSATION' ? implicitTarget(source, focusSource, discourse) : withTarget(source, null, discourse.dyad);
}

/** "a violation of Pakistan's airspace by Iran": the victim accuses the violator. */
export function readViolation(cue: CueMatch, ctx: SentenceContext, discourse: Discourse, focusSource: string | null): DirectedRoles | null {
  const byAgent = agentAfter(ctx, discourse, cue.end, 6);
  const nearest = [...ctx.mentions].reverse().find((m) => m.end <= cue.start && m.actor && !m.compound);
  // "… that Tehran described as a violation": the name before a verb of saying is the accuser, not the violator.
  const speaking = nearest && SAYING.test(ctx.text.slice(nearest.end, cue.start));
  const before = speaking ? undefined : nearest;
  const violator = byAgent && byAgent !== BLOCKED ? byAgent.actor : before?.actor ?? null;
  const victimMention = ctx.mentions.find((m) => m.start >= cue.start && m.start < cue.end && (m.possessive || m.kind === 'pronoun'));
  const victim = victimMention?.actor ?? (victimMention ? antecedentOther(ctx, victimMention, violator) : null);
  const speaker = (speaking ? nearest?.actor : null) ?? ctx.speakerActor ?? statementSource(cue, ctx, discourse)?.actor ?? discourse.speaker;
  const accuser = victim && victim !== violator ? victim : speaker;
  if (!accuser) return null;
  const accused = violator && violator !== accuser ? violator : focusSource && focusSource !== accuser ? focusSource : otherSide(discourse.dyad, accuser);
  return accused ? { source: roleOf(accuser, ctx), target: roleOf(accused, ctx), inferredTarget: !violator, anaphoric: false } : null;
}

/** "abjured its support for cross-border terrorism": the supporter is accused by the speaker. */
export function readSupportAccusation(cue: CueMatch, ctx: SentenceContext, discourse: Discourse): DirectedRoles | null {
  const accuser = ctx.speakerActor ?? ctx.mainSubject ?? discourse.speaker;
  if (!accuser) return null;
  const near = [...ctx.mentions].reverse().find((m) => m.end <= cue.start && (m.actor || m.kind === 'pronoun') && !m.compound);
  const named = near ? actorOf(near, ctx, discourse) : null;
  const accused = named && named !== accuser ? named : objectAfter(ctx, discourse, cue.end, accuser)?.actor ?? otherSide(discourse.dyad, accuser);
  return accused && accused !== accuser ? { source: roleOf(accuser, ctx), target: roleOf(accused, ctx), inferredTarget: !named, anaphoric: false } : null;
}

/** "accused Pakistan of …", "Iran blamed Israel for …", "which it blamed on Israel". */
export function readBlame(cue: CueMatch, ctx: SentenceContext, discourse: Discourse): DirectedRoles | null {
  const source = statementSource(cue, ctx, discourse);
  if (!source) return null;
  const onAgent = /^\s+on\s+/i.test(ctx.text.slice(cue.end, cue.end + 5));
  const target = objectAfter(ctx, discourse, cue.end, source.actor, onAgent ? cue.end + 40 : Infinity);
  return withTarget(source, target, discourse.dyad);
}

/** MEDIATION_ACCEPTED / REJECTED: a party answers; the mediator is settled for the whole report later. */
export function readAnswer(cue: CueMatch, ctx: SentenceContext, discourse: Discourse): DirectedRoles | null {
  const source = statementSource(cue, ctx, discourse);
  if (!source) return null;
  const third = objectAfter(ctx, discourse, 0, source.actor);
  return withTarget(source, third && !discourse.dyad?.includes(third.actor) ? third : null, discourse.dyad);
}

function antecedentOther(ctx: SentenceContext, pronoun: Mention, exclude: string | null): string | null {
  const found = [...ctx.mentions].reverse().find((m) => m.end <= pronoun.start && m.actor && m.actor !== exclude && !m.compound);
  return found?.actor ?? null;
}
