import type { CodedEvent } from '@app/contracts';
import { code } from '../code';

/** Test helper: codes a body of text as a report published at `publishedAt`. */
export function codeText(body: string, publishedAt = '2026-03-12T12:00:00+03:00', headline?: string): CodedEvent[] {
  return code({ reportId: 'test-1', source: 'Test Wire', publishedAt, body, ...(headline ? { headline } : {}) });
}

/** "STRIKE ERI>ETH" or "TALKS ARM+AZE": a short form that tables can compare. */
export function shortForm(event: CodedEvent): string {
  return event.parties ? `${event.category} ${event.parties.join('+')}` : `${event.category} ${event.source.actor}>${event.target?.actor}`;
}

export const shortForms = (events: readonly CodedEvent[]): string[] => events.map(shortForm).sort();
