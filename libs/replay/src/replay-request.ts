/** `replay.<name>` with `<name>` as SPEC §2 allows. */
export const REPLAY_TOPIC = /^replay\.[a-z0-9][a-z0-9._-]{0,100}$/;

export const isReplayTopic = (topic: unknown): topic is string => typeof topic === 'string' && REPLAY_TOPIC.test(topic);

/** Which stored events a replay sends: by type and by the time they were recorded (from ≤ recordedAt < until). */
export interface ReplaySelection {
  types?: string[];
  from?: Date;
  until?: Date;
}

export type ReplayRequest =
  | { kind: 'topic'; topic: string; selection: ReplaySelection }
  | { kind: 'rebuild'; projection: string }
  | { kind: 'recode'; range: { from?: Date; until?: Date } };

export interface RequestProblem {
  name: string;
  reason: string;
}

export type ParsedReplayRequest = { ok: true; request: ReplayRequest } | { ok: false; problems: RequestProblem[] };

const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
const PROJECTION = /^[a-z][a-z0-9_-]{0,63}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 instant with an offset, on a date that exists; null otherwise. */
export function parseInstant(text: string): Date | null {
  if (!ISO_INSTANT.test(text)) return null;
  const parsed = new Date(text);
  const date = text.slice(0, 10);
  if (Number.isNaN(parsed.getTime()) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return null;
  return parsed;
}

/** Event type names, from an array or a comma-separated string; null when any is malformed. */
export function parseTypes(value: unknown): string[] | null {
  const types = typeof value === 'string' ? value.split(',').map((type) => type.trim()) : value;
  if (!Array.isArray(types) || types.length === 0 || types.length > 100) return null;
  return types.every((type) => typeof type === 'string' && EVENT_TYPE.test(type)) ? (types as string[]) : null;
}

/** The body of POST /api/v1/replays (and the CLI's options), checked all at once. */
export function parseReplayRequest(body: unknown): ParsedReplayRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problems: [{ name: 'body', reason: 'must be a JSON object' }] };
  }
  const input = body as Record<string, unknown>;
  if (input.kind === 'rebuild') {
    if (typeof input.projection === 'string' && PROJECTION.test(input.projection)) {
      return { ok: true, request: { kind: 'rebuild', projection: input.projection } };
    }
    return { ok: false, problems: [{ name: 'projection', reason: 'must name a projection ([a-z][a-z0-9_-]*)' }] };
  }
  if (input.kind !== 'topic' && input.kind !== 'recode') {
    return { ok: false, problems: [{ name: 'kind', reason: 'must be "topic", "rebuild" or "recode"' }] };
  }

  const problems: RequestProblem[] = [];
  const selection: ReplaySelection = {};
  if (input.kind === 'topic' && !isReplayTopic(input.topic)) problems.push({ name: 'topic', reason: 'must be replay.<name> with <name> matching [a-z0-9][a-z0-9._-]{0,100}' });
  if (input.kind === 'topic' && input.types !== undefined) {
    const types = parseTypes(input.types);
    if (types) selection.types = types;
    else problems.push({ name: 'types', reason: 'must be a non-empty list of event type names' });
  }
  for (const name of ['from', 'until'] as const) {
    if (input[name] === undefined) continue;
    const instant = typeof input[name] === 'string' ? parseInstant(input[name] as string) : null;
    if (instant) selection[name] = instant;
    else problems.push({ name, reason: 'must be an ISO-8601 instant with an offset or Z' });
  }
  if (selection.from && selection.until && selection.from > selection.until) problems.push({ name: 'until', reason: 'must not be before from' });
  if (input.kind === 'recode') {
    // Re-coding takes the reports received in the range; the other event types follow from them.
    for (const name of ['topic', 'types']) if (input[name] !== undefined) problems.push({ name, reason: 'is not an option of kind "recode" (it takes from and until)' });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (input.kind === 'recode') return { ok: true, request: { kind: 'recode', range: selection } };
  return { ok: true, request: { kind: 'topic', topic: input.topic as string, selection } };
}
