import { randomUUID } from 'node:crypto';

const WORDS = 'ceasefire talks mediation strike border envoy ministry statement restraint delegation capital'.split(' ');
const DISTINCT = 1024;

function makePayload(seed: number): Record<string, unknown> {
  const words: string[] = [];
  let length = 0;
  for (let index = 0; length < 820; index += 1) {
    const word = WORDS[(seed + index * 7) % WORDS.length];
    words.push(word);
    length += word.length + 1;
  }
  return {
    reportId: `bench-${seed}`,
    source: 'APP',
    publishedAt: '2024-01-18T11:30:00+05:00',
    headline: `Report ${seed}`,
    body: words.join(' '),
    language: 'en',
    url: `https://example.org/story/${seed}`,
  };
}

/** Made once, so that building payloads costs the benchmark's CPU nothing: PostgreSQL shares the 2 cores. */
const PAYLOADS = Array.from({ length: DISTINCT }, (_, seed) => makePayload(seed));

/** A ~1 KiB JSON object (1024 distinct ones, so nothing compresses into a constant). */
export const payload = (seed: number): Record<string, unknown> => PAYLOADS[seed % DISTINCT];

export function metadata(seed: number): Record<string, unknown> {
  return { correlationId: randomUUID(), kafka: { topic: 'wire-reports.v1', partition: seed % 6, offset: String(seed) } };
}

export const PAYLOAD_BYTES = Buffer.byteLength(JSON.stringify(payload(1)));
