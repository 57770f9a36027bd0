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
