import type { Response } from 'express';

/** Every open stream of this process, so that a shutdown can end them (an open response would hold the server). */
export class OpenStreams {
  private readonly responses = new Set<Response>();

  constructor(readonly heartbeatMs = 15_000) {}

  add(response: Response): void {
    this.responses.add(response);
  }

  remove(response: Response): void {
    this.responses.delete(response);
  }

  get size(): number {
    return this.responses.size;
  }

  endAll(): void {
    for (const response of this.responses) response.end();
    this.responses.clear();
  }
}
