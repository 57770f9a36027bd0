import type { WireReport } from '@app/contracts';
import type { Discourse, SentenceContext } from './actors/context';
import { findDyad } from './actors/dyad';
import { findMentions } from './actors/mentions';
import { subjectBefore } from './actors/roles';
import { PersonRegistry, analyseAttribution } from './actors/speakers';
import { localDateOf } from './dates/calendar';
import { findDateExpressions } from './dates/date-expressions';
import { readSentence } from './events/extract-sentence';
import { isHistory } from './events/filters';
import type { RawEvent } from './events/raw-event';
import type { ReportFindings } from './events/resolve-report';
import { splitSentences } from './text/sentences';
import { tokenize } from './text/tokenize';
import { allMatches } from './text/matches';

const DENIAL = /\b(?:denied|denies|deny|denying|dismissed claims|rejected claims)\b[^.;]{0,40}?\b(?:involvement|responsibility|striking|attacking|carrying out|launching|any role|that (?:it|its|their|\w+) (?:\w+\s+){0,2}(?:had |have )?(?:been involved|struck|attacked|carried out|launched|crossed|fired|shelled|entered))/gi;

function contextOf(index: number, text: string, published: string, publishedYear: number): SentenceContext {
  const tokens = tokenize(text);
  return {
    index, text, tokens, mentions: findMentions(text, tokens), dates: findDateExpressions(text, published, tokens),
    attributions: [], speakerActor: null, speaker: null, location: null, mainSubject: null, subjectSpeaker: null,
    history: isHistory(text, publishedYear),
  };
}

/** What the report-level passes read of a sentence or headline: its names. */
type Naming = Pick<SentenceContext, 'tokens' | 'mentions'>;

// The headline only helps find the dyad: its dates and figures are never read.
function namingOf(text: string): Naming {
  const tokens = tokenize(text);
  return { tokens, mentions: findMentions(text, tokens) };
}

function statesOf(ctx: Naming): string[] {
  const states: string[] = [];
  for (const mention of ctx.mentions) if (mention.actor) states.push(mention.actor);
  return states;
}

function coordinatedPairs(ctx: Naming): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let m = 1; m < ctx.mentions.length; m++) {
    const [a, b] = [ctx.mentions[m - 1], ctx.mentions[m]];
    if (!a.actor || !b.actor) continue;
    let at = a.tokenEnd;
    if (a.possessive) at += 2;
    if (ctx.tokens[at]?.lower !== 'and') continue;
    if (ctx.tokens[at + 1]?.lower === 'the') at++;
    if (at + 1 === b.tokenStart) pairs.push([a.actor, b.actor]);
  }
  return pairs;
}

function coordinatedPairsOf(namings: readonly Naming[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const naming of namings) for (const pair of coordinatedPairs(naming)) pairs.push(pair);
  return pairs;
}

/** Reads a report sentence by sentence and gathers what the report-level passes need. */
export function analyseReport(report: WireReport): ReportFindings {
  const published = localDateOf(report.publishedAt);
  const year = Number(published.slice(0, 4));
  const contexts = splitSentences(report.body).map((sentence) => contextOf(sentence.index, sentence.text, published, year));
  const headline = report.headline ? namingOf(report.headline) : null;
  const discourse: Discourse = {
    speaker: null, speakerRecord: null, subject: null, lastDate: null, lastAccused: null,
    dyad: findDyad(contexts.map(statesOf), headline ? statesOf(headline) : [], coordinatedPairsOf(headline ? [...contexts, headline] : contexts)),
  };
  const registry = new PersonRegistry();
  const findings: ReportFindings = { events: [], open: [], blames: [], deniers: new Set(), published };
  let focus: RawEvent | null = null;
  for (const ctx of contexts) {
    registry.learn(ctx, discourse);
    ctx.mentions = registry.addMentions(ctx.tokens, ctx.mentions);
    analyseAttribution(ctx, discourse, registry);
    const reading = readSentence(ctx, discourse, { published, focus });
    findings.events.push(...reading.events);
    for (const event of reading.events) {
      if (event.category === 'STRIKE') discourse.lastAccused = event.source.actor;
      else if ((event.category === 'ACCUSATION' || event.category === 'CONDEMNATION') && event.target) discourse.lastAccused = event.target.actor;
    }
    findings.open.push(...reading.open);
    findings.blames.push(...reading.blames);
    if (/den(?:ied|ies|y)|claims/i.test(ctx.text)) for (const match of allMatches(DENIAL, ctx.text)) {
      const denier = subjectBefore(ctx, discourse, match.index ?? 0);
      if (denier && denier !== 'blocked') findings.deniers.add(denier.actor);
    }
    focus = reading.focus ?? focus;
    updateDiscourse(discourse, ctx);
  }
  return findings;
}

function updateDiscourse(discourse: Discourse, ctx: SentenceContext): void {
  if (ctx.speakerActor) {
    discourse.speaker = ctx.speakerActor;
    discourse.speakerRecord = ctx.speaker && (ctx.speaker.name || ctx.speaker.role) ? ctx.speaker : discourse.speakerRecord?.actor === ctx.speakerActor ? discourse.speakerRecord : null;
  } else if (ctx.subjectSpeaker?.actor) {
    discourse.speaker = ctx.subjectSpeaker.actor;
    discourse.speakerRecord = ctx.subjectSpeaker;
  }
  if (ctx.mainSubject) discourse.subject = ctx.mainSubject;
  const absolute = ctx.dates.filter((d) => d.kind === 'absolute');
  const last = absolute[absolute.length - 1];
  if (last && last.kind === 'absolute') discourse.lastDate = last.date;
}
