import { addDays } from './calendar';
import type { DateExpression } from './date-expressions';
import { allMatches } from '../text/matches';
import { sortInPlace } from '../text/sort';

/** A stretch of a sentence about an earlier (or later) moment: "two days after Iran hit …", "after …". */
interface Segment {
  start: number;
  end: number;
  shift: number | null;
}

const CONJUNCTION = /\b(?:after|following|in response to|in retaliation for|since|as punishment for|in revenge for)\b/gi;

// The segments of the sentence asked about last: a sentence's cues are dated one after another.
let lastSegments: { text: string; expressions: readonly DateExpression[]; segments: Segment[] } | null = null;

function segmentsOf(text: string, expressions: readonly DateExpression[]): Segment[] {
  if (lastSegments && lastSegments.expressions === expressions && lastSegments.text === text) return lastSegments.segments;
  const segments = computeSegments(text, expressions);
  lastSegments = { text, expressions, segments };
  return segments;
}

function computeSegments(text: string, expressions: readonly DateExpression[]): Segment[] {
  const segments: Segment[] = [];
  const close = (start: number): number => {
    const comma = text.indexOf(',', start);
    return comma < 0 ? text.length : comma;
  };
  for (const expression of expressions) {
    if (expression.kind === 'relative' && expression.boundary) segments.push({ start: expression.start, end: close(expression.end), shift: expression.shift });
  }
  for (const match of allMatches(CONJUNCTION, text)) {
    const start = match.index ?? 0;
    if (segments.some((segment) => start >= segment.start && start <= segment.start + 40 && start < segment.end)) continue;
    segments.push({ start, end: close(start + match[0].length), shift: null });
  }
  sortInPlace(segments, (a, b) => a.start - b.start);
  for (let i = 0; i + 1 < segments.length; i++) segments[i].end = Math.min(segments[i].end, segments[i + 1].start);
  return segments;
}

function nearestAbsolute(expressions: readonly DateExpression[], position: number, inside: (e: DateExpression) => boolean): string | null {
  let best: { date: string; distance: number } | null = null;
  for (const expression of expressions) {
    if (expression.kind !== 'absolute' || !inside(expression)) continue;
    const distance = position < expression.start ? expression.start - position : Math.max(0, position - expression.end);
    if (!best || distance < best.distance) best = { date: expression.date, distance };
  }
  return best?.date ?? null;
}

/**
 * The date a sentence gives to the words at `position`, or null when it gives none.
 * `context` is the last date stated before this sentence, for "the next day".
 */
export function dateAt(text: string, expressions: readonly DateExpression[], position: number, published: string, context: string | null): string | null {
  const segments = segmentsOf(text, expressions);
  const segment = segments.find((s) => position >= s.start && position < s.end);
  const inSegment = (s: Segment) => (e: DateExpression) => e.start >= s.start && e.end <= s.end;
  const outsideAll = (e: DateExpression) => !segments.some((s) => e.start >= s.start && e.end <= s.end);
  if (segment) {
    const own = nearestAbsolute(expressions, position, inSegment(segment));
    if (own) return own;
    if (segment.shift === null) return /^after\b/i.test(text.slice(segment.start)) ? nearestAbsolute(expressions, segment.start, outsideAll) : null;
    const anchor = nearestAbsolute(expressions, segment.start, outsideAll) ?? published;
    return addDays(anchor, segment.shift);
  }
  const main = nearestAbsolute(expressions, position, outsideAll);
  if (main) return main;
  const relative = expressions.find((e) => e.kind === 'relative' && !e.boundary && outsideAll(e));
  if (relative && relative.kind === 'relative') {
    const anchor = nearestAbsolute(expressions, relative.start, () => true) ?? context;
    return anchor ? addDays(anchor, relative.shift) : null;
  }
  return null;
}

/** True when the words at `position` sit in an "after …" or "in response to …" stretch about an earlier moment. */
export function isBackground(text: string, expressions: readonly DateExpression[], position: number): boolean {
  return segmentsOf(text, expressions).some((s) => position >= s.start && position < s.end);
}
