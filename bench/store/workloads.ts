/** One row of the table: what each call appends and how many writers call at once. */
export interface Workload {
  id: string;
  label: string;
  kind: 'stream' | 'ingest';
  /** stream: events per call; ingest: reports per call (2 events each). */
  perCall: number;
  writers: number;
  /** Emmett's shape where it differs: it appends one stream per call. */
  emmett?: { perCall: number; writers: number };
}

export const WORKLOADS: Workload[] = [
  { id: 'e1w1', label: '1 event/call, 1 writer', kind: 'stream', perCall: 1, writers: 1 },
  { id: 'e1w4', label: '1 event/call, 4 writers', kind: 'stream', perCall: 1, writers: 4 },
  { id: 'e1w16', label: '1 event/call, 16 writers', kind: 'stream', perCall: 1, writers: 16 },
  { id: 'e100w1', label: '100 events/call, 1 writer', kind: 'stream', perCall: 100, writers: 1 },
  { id: 'e100w4', label: '100 events/call, 4 writers', kind: 'stream', perCall: 100, writers: 4 },
  { id: 'e100w16', label: '100 events/call, 16 writers', kind: 'stream', perCall: 100, writers: 16 },
  {
    id: 'ingest',
    label: 'ingest: 100 reports (2 events, own stream) per call, 4 writers; Emmett 1 report/call, 16 writers',
    kind: 'ingest',
    perCall: 100,
    writers: 4,
    emmett: { perCall: 1, writers: 16 },
  },
  {
    id: 'ingest500',
    label: "ingest's chunk: 500 reports (2 events, own stream) per call, 2 writers; Emmett 1 report/call, 16 writers",
    kind: 'ingest',
    perCall: 500,
    writers: 2,
    emmett: { perCall: 1, writers: 16 },
  },
  { id: 'report16', label: 'ingest: 1 report per call, 16 writers', kind: 'ingest', perCall: 1, writers: 16 },
];

export type CandidateName = 'wirewatch' | 'emmett' | 'bare';

/** How a candidate performs one call of a workload: it returns the number of events it stored. */
export type Call = () => Promise<number>;
export type CallFactory = (writer: number) => Call;

export interface CellTiming {
  warmupMs: number;
  measureMs: number;
}

/**
 * Runs `writers` loops of calls; counts the events of calls that finish inside the measured window.
 * `const n = await call(); total += n;` — never `total += await …`, which loses concurrent counts.
 */
export async function measureRate(writers: number, factory: CallFactory, timing: CellTiming): Promise<number> {
  let total = 0;
  let measuring = false;
  let stopped = false;
  const loops = Array.from({ length: writers }, async (_, writer) => {
    const call = factory(writer);
    while (!stopped) {
      const n = await call();
      if (measuring && !stopped) total += n;
    }
  });
  await sleep(timing.warmupMs);
  measuring = true;
  const started = process.hrtime.bigint();
  await sleep(timing.measureMs);
  stopped = true;
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const measured = total;
  await Promise.all(loops);
  return measured / elapsedSeconds;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
