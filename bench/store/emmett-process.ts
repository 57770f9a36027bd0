import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { EmmettReply, EmmettRequest } from './emmett-child';
import type { CellTiming, Workload } from './workloads';

/** The parent's handle on the Emmett child: one request at a time. */
export class EmmettProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (rate: number) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: EmmettReply) => {
      if ('ready' in reply) return;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.rate);
    });
  }

  static async start(databaseUrl: string): Promise<EmmettProcess> {
    const child = fork(join(__dirname, 'emmett-child.js'), [], {
      env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', (reply: EmmettReply) => ('ready' in reply ? resolve() : reject(new Error('Emmett child failed'))));
      child.once('exit', (code) => reject(new Error(`Emmett child exited with ${code}`)));
    });
    return new EmmettProcess(child);
  }

  run(workload: Workload, cell: string, timing: CellTiming): Promise<number> {
    const id = this.nextId++;
    const request: EmmettRequest = { id, kind: 'run', workload, cell, timing };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send(request);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}
