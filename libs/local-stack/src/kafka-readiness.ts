import { Socket } from 'node:net';
import { sleep, withAdmin } from './topics';

/** host:port pairs from a KAFKA_BROKERS-style list ("a:9092,b:9092"). */
export function parseBrokerList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export function splitHostPort(address: string, defaultPort = 9092): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(address.replace(/^[a-z]+:\/\//i, ''));
  if (!match) throw new Error(`not a host:port address: ${address}`);
  return { host: match[1], port: match[2] ? Number(match[2]) : defaultPort };
}

/** True when a TCP connection to host:port opens within the timeout. */
export function portAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Checked on every poll; return a reason to stop waiting (e.g. "the broker process exited"). */
  abortReason?: () => string | undefined;
}

export async function waitForPort(host: string, port: number, options: WaitOptions = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60000);
  while (Date.now() < deadline) {
    if (await portAnswers(host, port, 1000)) return;
    const reason = options.abortReason?.();
    if (reason) throw new Error(reason);
    await sleep(250);
  }
  throw new Error(`nothing answers on ${host}:${port} after ${Math.round((options.timeoutMs ?? 60000) / 1000)} s`);
}

/**
 * A broker is ready when the cluster describes itself AND its group coordinator answers: after a restart the
 * port opens before `__consumer_offsets` is loaded (COORDINATOR_LOAD_IN_PROGRESS, which kafkajs' admin does not
 * retry). On a fresh broker the coordinator probe also creates `__consumer_offsets` before any app joins a group.
 */
export async function waitForKafkaReady(brokers: string[], options: WaitOptions = {}): Promise<{ clusterId: string }> {
  const deadline = Date.now() + (options.timeoutMs ?? 60000);
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await withAdmin(brokers, async (admin) => {
        const cluster = await admin.describeCluster();
        await admin.fetchOffsets({ groupId: 'wirewatch-stack-readiness' });
        return { clusterId: cluster.clusterId };
      });
    } catch (error) {
      lastError = error;
      const reason = options.abortReason?.();
      if (reason) throw new Error(reason);
      await sleep(500);
    }
  }
  throw new Error(`Kafka at ${brokers.join(',')} is not ready: ${(lastError as Error)?.message ?? 'no answer'}`);
}

/** A quick yes/no for `status`: does a broker describe itself within a few seconds? */
export async function kafkaAnswers(brokers: string[]): Promise<boolean> {
  try {
    await withAdmin(brokers, (admin) => admin.describeCluster());
    return true;
  } catch {
    return false;
  }
}
