import type { Checkpoint, ReadAllFilter } from '@app/event-store';
import type { ReplaySelection } from './replay-request';

export const toReadAllFilter = (selection: ReplaySelection): ReadAllFilter => ({
  ...(selection.types ? { types: selection.types } : {}),
  ...(selection.from ? { from: selection.from } : {}),
  ...(selection.until ? { until: selection.until } : {}),
});

/** How many events of the selection lie at or before `end` (a fixed set: `end` was visible, so all before it had committed). */
export function selectionCountQuery(selection: ReplaySelection, end: Checkpoint): { text: string; values: unknown[] } {
  const values: unknown[] = [end.transactionId.toString(), end.position.toString()];
  const where = ['(transaction_id, global_position) <= ($1::xid8, $2::int8)'];
  const bind = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  if (selection.types) where.push(`event_type = ANY(${bind(selection.types)}::text[])`);
  if (selection.from) where.push(`recorded_at >= ${bind(selection.from)}`);
  if (selection.until) where.push(`recorded_at < ${bind(selection.until)}`);
  return { text: `SELECT count(*)::text AS total FROM events WHERE ${where.join(' AND ')}`, values };
}
