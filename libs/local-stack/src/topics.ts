import { ConfigResourceTypes, Kafka, logLevel, type Admin, type ITopicConfig } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** Topic-level settings (all of them: kafkajs' alterConfigs replaces the whole set). */
  configEntries?: Record<string, string>;
}

/** Inputs may be up to 2 MiB on the wire so that oversize (> 1 MiB) reports reach the app and get dead-lettered. */
export const LARGE_MESSAGE_TOPIC_CONFIG: Record<string, string> = { 'max.message.bytes': String(2 * 1024 * 1024) };

/** SPEC §2, local defaults. Tests create their own uniquely named copies with the same settings. */
export const WIREWATCH_TOPICS = {
  wireReports: { topic: 'wire-reports.v1', numPartitions: 6, configEntries: LARGE_MESSAGE_TOPIC_CONFIG },
  wireReportsDlq: { topic: 'wire-reports.dlq.v1', numPartitions: 1, configEntries: LARGE_MESSAGE_TOPIC_CONFIG },
  escalationAlerts: { topic: 'alerts.escalation.v1', numPartitions: 3 },
  mediationAlerts: { topic: 'alerts.mediation.v1', numPartitions: 3 },
} as const satisfies Record<string, TopicSpec>;

export const WIREWATCH_TOPIC_SPECS: readonly TopicSpec[] = Object.values(WIREWATCH_TOPICS);

/** The same settings under another name, e.g. `withTopicName(WIREWATCH_TOPICS.wireReports, 'wire-reports.t-1a2b')`. */
export function withTopicName(spec: TopicSpec, topic: string): TopicSpec {
  return { ...spec, topic };
}

export function toTopicConfig(spec: TopicSpec): ITopicConfig {
  return {
    topic: spec.topic,
    numPartitions: spec.numPartitions,
    replicationFactor: 1,
    configEntries: Object.entries(spec.configEntries ?? {}).map(([name, value]) => ({ name, value })),
  };
}

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
}

// A topic just created on a fresh broker can be unknown to the metadata a moment longer ("does not host this topic-partition").
const RETRYABLE = /COORDINATOR_LOAD_IN_PROGRESS|NOT_CONTROLLER|LEADER_NOT_AVAILABLE|UNKNOWN_TOPIC_OR_PARTITION|does not host this topic-partition|not available|ECONNREFUSED|timed? ?out/i;

/** Creates the topics that do not exist yet (idempotent) and waits for their leaders. */
export async function ensureTopics(brokers: string[], specs: readonly TopicSpec[]): Promise<EnsureTopicsResult> {
  return withAdmin(brokers, async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const present = new Set(await admin.listTopics());
        const missing = specs.filter((spec) => !present.has(spec.topic));
        if (missing.length > 0) {
          await admin.createTopics({ topics: missing.map(toTopicConfig), waitForLeaders: true, timeout: 30000 });
        }
        await everyPartitionLed(admin, specs.map((spec) => spec.topic));
        return {
          created: missing.map((spec) => spec.topic),
          existing: specs.filter((spec) => present.has(spec.topic)).map((spec) => spec.topic),
        };
      } catch (error) {
        // A concurrent creator may win the race: TOPIC_ALREADY_EXISTS means the next listing sees it.
        const message = String((error as Error).message) + JSON.stringify((error as { errors?: unknown }).errors ?? '');
        if (attempt >= 10 || !(RETRYABLE.test(message) || /already exists/i.test(message))) throw error;
        await sleep(500 * attempt);
      }
    }
  });
}

/** Waits until the metadata names a leader for every partition of the topics (a retry may find them created). */
async function everyPartitionLed(admin: Admin, topics: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const metadata = await admin.fetchTopicMetadata({ topics });
    if (metadata.topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0))) return;
    if (attempt >= 60) throw new Error(`topics without a leader after ${attempt} checks: ${topics.join(', ')}`);
    await sleep(250);
  }
}

export interface TopicDescription {
  topic: string;
  partitions: number;
  /** Effective values (a topic without its own setting shows the broker's default). */
  configs: Record<string, string>;
  /** Names of the settings made on the topic itself. */
  topicLevel: string[];
}

const TOPIC_CONFIG_SOURCE = 1; // DescribeConfigs' DYNAMIC_TOPIC_CONFIG

/** Partition counts and the named topic settings, as the broker reports them (for checks and `stack status`). */
export async function describeTopics(brokers: string[], topics: string[], configNames: string[] = ['max.message.bytes']): Promise<TopicDescription[]> {
  return withAdmin(brokers, async (admin) => {
    const present = new Set(await admin.listTopics());
    const wanted = topics.filter((topic) => present.has(topic));
    if (wanted.length === 0) return [];
    const metadata = await admin.fetchTopicMetadata({ topics: wanted });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: wanted.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames })),
    });
    return wanted.map((topic) => {
      const resource = configs.resources.find((entry) => entry.resourceName === topic);
      const entries = resource?.configEntries ?? [];
      const partitions = metadata.topics.find((entry) => entry.name === topic)?.partitions.length ?? 0;
      return {
        topic,
        partitions,
        configs: Object.fromEntries(entries.map((entry) => [entry.configName, entry.configValue])),
        topicLevel: entries.filter((entry) => entry.configSource === TOPIC_CONFIG_SOURCE).map((entry) => entry.configName),
      };
    });
  });
}

export function kafkaClient(brokers: string[], clientId = 'wirewatch-stack'): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 3, initialRetryTime: 200 },
  });
}

export async function withAdmin<T>(brokers: string[], work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
