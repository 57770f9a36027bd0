import { toNumber, toStoredRange, type RangeRow } from './row-mapping';
import type { StreamAppend, StreamAppendResult } from './types';

export interface AppendRow extends RangeRow {
  stream_index: string | number;
  status: 'appended' | 'duplicate';
}

/** Folds the statement's rows (one per stored event, one per duplicate) into one range per stream. */
export function foldAppendRows(rows: readonly AppendRow[]): Map<number, AppendRow> {
  const byStream = new Map<number, AppendRow>();
  for (const row of rows) {
    const index = toNumber(row.stream_index) - 1;
    const seen = byStream.get(index);
    if (!seen) {
      byStream.set(index, { ...row });
      continue;
    }
    if (toNumber(row.first_version) < toNumber(seen.first_version)) {
      seen.first_version = row.first_version;
      seen.first_position = row.first_position;
    }
    if (toNumber(row.last_version) > toNumber(seen.last_version)) {
      seen.last_version = row.last_version;
      seen.last_position = row.last_position;
    }
  }
  return byStream;
}

/** Results in input order; streams with no row are left undefined (conflicts, settled afterwards). */
export function toAppendResults(
  appends: readonly StreamAppend[],
  rows: readonly AppendRow[],
): (StreamAppendResult | undefined)[] {
  const byStream = foldAppendRows(rows);
  return appends.map((append, index) => {
    const row = byStream.get(index);
    if (!row) return undefined;
    const range = toStoredRange(row);
    return row.status === 'appended'
      ? { status: 'appended', ...range, nextExpectedVersion: range.lastVersion }
      : { status: 'duplicate', ...range, idempotencyKey: append.idempotencyKey ?? '', nextExpectedVersion: range.lastVersion };
  });
}
