import { z } from 'zod';

const brokerList = z
  .string()
  .min(1)
  .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
  .refine((brokers) => brokers.every((broker) => /^[^\s:]+:\d{1,5}$/.test(broker)), 'must be host:port[,host:port…]');

const topicName = z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name');

const apiKeys = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const keys: { key: string; role: 'viewer' | 'analyst' | 'admin' }[] = [];
    for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
      const separator = entry.lastIndexOf(':');
      const key = entry.slice(0, separator);
      const role = entry.slice(separator + 1);
      if (separator <= 0 || !['viewer', 'analyst', 'admin'].includes(role)) {
        ctx.addIssue({ code: 'custom', message: 'entries must be key:role with role viewer, analyst or admin' });
        return z.NEVER;
      }
      keys.push({ key, role: role as 'viewer' | 'analyst' | 'admin' });
    }
    return keys;
  });

const corsOrigins = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
  .refine(
    (origins) => origins.every((origin) => origin === '*' || /^https?:\/\/[^\s/]+$/.test(origin)),
    'must be * or origins like https://ops.example.org[,…]',
  );

/** Every setting a Wirewatch process reads, with its default. README's configuration table mirrors this. */
export const EnvironmentSchema = z.object({
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/wirewatch'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  INGEST_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  WIRE_REPORTS_TOPIC: topicName.default('wire-reports.v1'),
  DEAD_LETTER_TOPIC: topicName.default('wire-reports.dlq.v1'),
  ESCALATION_ALERTS_TOPIC: topicName.default('alerts.escalation.v1'),
  MEDIATION_ALERTS_TOPIC: topicName.default('alerts.mediation.v1'),
  INGEST_GROUP_ID: z.string().min(1).default('wirewatch-ingest'),
  KAFKA_CLIENT_ID: z.string().min(1).default('wirewatch'),
  WIREWATCH_API_KEYS: apiKeys,
  /** Browser origins allowed to call the API (CORS); empty: CORS is off. */
  CORS_ORIGINS: corsOrigins,
  /** Kafka group session timeout of the ingest: how long a crashed instance holds its partitions. */
  INGEST_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300000).default(30000),
  /** Coding threads of the ingest; unset = one per core; 0 = code on the event loop. */
  CODER_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  /** Read-model rows the projector keeps in memory between batches; 0 = read everything a batch touches. */
  PROJECTOR_WARM_ROWS: z.coerce.number().int().min(0).max(10_000_000).default(1_000_000),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
});

export type Environment = z.infer<typeof EnvironmentSchema>;

export class ConfigurationError extends Error {}

/** Validates the environment; a bad value stops the process with a message naming the variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const input = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const parsed = EnvironmentSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration — ${problems.join('; ')}`);
  }
  return parsed.data;
}
