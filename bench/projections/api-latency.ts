// autocannon ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (options: object) => Promise<any> = require('autocannon');

export interface LatencyFigure {
  route: string;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

/**
 * Latency at a fixed request rate (200 req/s), spread over many API keys so that the per-key rate limit
 * (600 per minute) does not answer 429 instead of the route.
 */
export async function latencyAt(baseUrl: string, route: string, paths: () => string, keys: string[], seconds: number, rate = 200, headers: Record<string, string> = {}): Promise<LatencyFigure> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: 20,
    overallRate: rate,
    duration: seconds,
    requests: [
      {
        setupRequest: (request: any) => ({
          ...request,
          path: paths(),
          headers: { ...(request.headers ?? {}), ...headers, authorization: `Bearer ${keys[next++ % keys.length]}` },
        }),
      },
    ],
  } as any);
  return {
    route,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export interface SteadyLatencyFigure extends LatencyFigure {
  /** Requests per second actually sent (open loop: on schedule, whether or not earlier answers are back). */
  sentPerSecond: number;
}

// loadtest ships no types either.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadTest }: { loadTest: (options: object) => Promise<any> } = require('loadtest');

/**
 * Latency under a steady open-loop load: loadtest sends a request every 1000/rate ms, whether or not earlier ones
 * are answered, and times each from its send to its last byte. autocannon's `overallRate` instead lets every
 * connection send back to back until its share of the second is used up, then wait for the next second: 200
 * requests in a burst at the top of each second, 20 at a time (and its coordinated-omission correction then adds
 * a sample per millisecond of each response's time).
 */
export async function steadyLatencyAt(baseUrl: string, route: string, paths: () => string, keys: string[], seconds: number, rate = 200, headers: Record<string, string> = {}): Promise<SteadyLatencyFigure> {
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let next = 0;
  const started = Date.now();
  await loadTest({
    url: baseUrl,
    requestsPerSecond: rate,
    maxSeconds: seconds,
    agentKeepAlive: true,
    quiet: true,
    requestGenerator: (_options: unknown, params: any, request: (params: any, connect: unknown) => any, connect: unknown) => {
      params.path = paths();
      params.headers = { ...params.headers, ...headers, authorization: `Bearer ${keys[next++ % keys.length]}` };
      return request(params, connect);
    },
    statusCallback: (error: unknown, result: { statusCode?: number; requestElapsed?: number } | undefined) => {
      if (error || !result) errors += 1;
      else if (result.statusCode === undefined || result.statusCode < 200 || result.statusCode >= 300) non2xx += 1;
      else if (result.requestElapsed !== undefined) latencies.push(result.requestElapsed);
    },
  });
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);
  const sent = latencies.length + non2xx + errors;
  return { route, requests: sent, sentPerSecond: Math.round(sent / ((Date.now() - started) / 1000)), p50: at(0.5), p99: at(0.99), max: at(1), non2xx, errors };
}

/**
 * Waits until the API answers `path` within `quickMs` twice in a row. A route the API could not keep up with
 * leaves requests queued after its phase ends (in the event loop and in the database pool's queue), and the next
 * route's figures would otherwise measure that backlog; `path` should therefore be one that reads the database.
 * Answers how long it waited.
 */
export async function untilIdle(baseUrl: string, path: string, key: string, quickMs = 50, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  let quick = 0;
  while (quick < 2 && Date.now() - started < timeoutMs) {
    const sent = Date.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${key}`, 'accept-encoding': 'gzip' } });
    await response.arrayBuffer();
    quick = response.ok && Date.now() - sent <= quickMs ? quick + 1 : 0;
    // Answered at once but refused (the key's rate limit): wait, and ask again.
    if (response.status === 429) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return Date.now() - started;
}
