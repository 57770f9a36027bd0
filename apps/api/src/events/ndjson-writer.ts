import type { Writable } from 'node:stream';

/** Writes chunks honouring backpressure: waits for 'drain' when the socket's buffer is full. */
export class NdjsonWriter {
  private closed = false;

  constructor(private readonly out: Writable) {
    out.once('close', () => (this.closed = true));
  }

  /** False once the client has gone away: the caller stops reading. */
  get open(): boolean {
    return !this.closed && !this.out.destroyed;
  }

  async write(lines: readonly string[]): Promise<void> {
    if (lines.length === 0 || !this.open) return;
    if (!this.out.write(`${lines.join('\n')}\n`)) await this.drainedOrClosed();
  }

  /** Both listeners go once either fires: a long stream waits for 'drain' thousands of times. */
  private drainedOrClosed(): Promise<void> {
    return new Promise((resolve) => {
      const settle = () => {
        this.out.off('drain', settle);
        this.out.off('close', settle);
        resolve();
      };
      this.out.on('drain', settle);
      this.out.on('close', settle);
    });
  }
}
