/** A sleep that ends early when signalled; a signal while nobody sleeps makes the next sleep return at once. */
export class Wakeup {
  private signalled = false;
  private wake: (() => void) | null = null;

  signal(): void {
    this.signalled = true;
    this.wake?.();
  }

  async sleep(ms: number): Promise<void> {
    if (this.signalled) {
      this.signalled = false;
      return;
    }
    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      timer = setTimeout(done, ms);
      this.wake = done;
    });
    this.signalled = false;
  }
}

/** Capped exponential backoff with jitter: 1st failure → initialMs, doubling up to maxMs. */
export function backoffMs(failures: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(failures - 1, 20)));
  return Math.round(base * (0.8 + random() * 0.4));
}
