import type { Checkpoint } from '@app/event-store';
import type { ReplaySelection } from './replay-request';

export type ReplayStatus = 'running' | 'succeeded' | 'failed';

/** One replay to a topic as the `replays` table keeps it. */
export interface ReplayRecord {
  replayId: string;
  topic: string;
  selection: ReplaySelection;
  /** The store's head when the replay was requested: events after it are not part of the selection. */
  end: Checkpoint;
  /** The last event sent and acknowledged by Kafka: a resumed replay goes on after it. */
  sent: Checkpoint;
  status: ReplayStatus;
  processed: number;
  total: number;
  requestedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

/** GET /api/v1/replays/{replayId} */
export interface ReplayProgress {
  replayId: string;
  topic: string;
  status: ReplayStatus;
  processed: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export function progressOf(record: ReplayRecord): ReplayProgress {
  return {
    replayId: record.replayId,
    topic: record.topic,
    status: record.status,
    processed: record.processed,
    total: record.total,
    startedAt: record.startedAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
    error: record.error,
  };
}
