import { readFileSync } from 'node:fs';
import type { Admin } from 'kafkajs';

/** Messages of `topic` that group `groupId` has committed. */
export async function committedMessages(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return offsets.partitions.reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
}

/** Resident set size of a process in MiB (Linux), or null when it has gone. */
export function rssMiB(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface ProgressRun {
  seconds: number;
  /** Rate between 10 % and 90 % of the messages, which leaves out group joins and the tail. */
  steadyRate: number;
  peakRssMiB: number;
  /** Peak RSS in the first and second half of the run: a flat profile has them close. */
  rssHalves: [number, number];
}

export async function followProgress(
  total: number,
  progress: () => Promise<number>,
  pids: () => number[],
  timeoutMs: number,
): Promise<ProgressRun> {
  const started = Date.now();
  const samples: { at: number; done: number; rss: number }[] = [];
  for (;;) {
    const done = await progress();
    const rss = pids().reduce((sum, pid) => sum + (rssMiB(pid) ?? 0), 0);
    samples.push({ at: Date.now(), done, rss });
    if (done >= total) break;
    if (Date.now() - started > timeoutMs) throw new Error(`only ${done} of ${total} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // Between the first sample past 10 % and the first past 90 %, interpolated on the sampled counts.
  const at = (fraction: number) => samples.find((sample) => sample.done >= total * fraction) ?? samples[samples.length - 1];
  const [from, to] = [at(0.1), at(0.9)];
  const steadyRate = to.at > from.at ? (to.done - from.done) / ((to.at - from.at) / 1000) : total / ((Date.now() - started) / 1000);
  const half = Math.floor(samples.length / 2);
  const peak = (list: typeof samples) => list.reduce((max, sample) => Math.max(max, sample.rss), 0);
  return {
    seconds: (Date.now() - started) / 1000,
    steadyRate,
    peakRssMiB: peak(samples),
    rssHalves: [peak(samples.slice(0, half)), peak(samples.slice(half))],
  };
}
