import { readFileSync } from 'node:fs';

export interface RssSample {
  atMs: number;
  rssMiB: number;
  /** Events done when the sample was taken (for memory against progress). */
  done: number;
}

/** Resident set size of a process (Linux /proc), in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

/** Samples a process's RSS on a timer while `done()` reports progress. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly started = Date.now();

  constructor(
    private readonly pid: number,
    private readonly done: () => number,
    intervalMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    try {
      this.samples.push({ atMs: Date.now() - this.started, rssMiB: rssMiB(this.pid), done: this.done() });
    } catch {
      // the process may have exited between ticks
    }
  }

  stop(): MemoryProfile {
    clearInterval(this.timer);
    this.sample();
    return memoryProfile(this.samples);
  }
}

export interface MemoryProfile {
  startMiB: number;
  peakMiB: number;
  endMiB: number;
  /** RSS when 10 %, 20 %, … 100 % of the events were done: flat means memory does not grow with the selection. */
  byProgressMiB: number[];
  samples: number;
}

export function memoryProfile(samples: RssSample[]): MemoryProfile {
  const total = Math.max(1, ...samples.map((sample) => sample.done));
  const byProgressMiB = Array.from({ length: 10 }, (_, decile) => {
    const reached = samples.find((sample) => sample.done >= (total * (decile + 1)) / 10);
    return round(reached?.rssMiB ?? samples[samples.length - 1].rssMiB);
  });
  return {
    startMiB: round(samples[0].rssMiB),
    peakMiB: round(Math.max(...samples.map((sample) => sample.rssMiB))),
    endMiB: round(samples[samples.length - 1].rssMiB),
    byProgressMiB,
    samples: samples.length,
  };
}

const round = (value: number): number => Math.round(value * 10) / 10;
