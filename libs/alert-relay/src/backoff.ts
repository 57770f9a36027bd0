/** Capped exponential backoff with jitter: 1st failure → initialMs, doubling up to maxMs. */
export function backoffMs(failures: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(failures - 1, 20)));
  return Math.round(base * (0.8 + random() * 0.4));
}
