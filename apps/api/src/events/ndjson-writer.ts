import { once } from 'node:events';
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
    if (!this.out.write(`${lines.join('\n')}\n`)) {
      await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
    }
  }
}
