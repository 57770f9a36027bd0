export { stackUp, stackDown, stackStatus, ensureStackForTests, resolveDatabase, resolveKafka } from './stack';
export type { StackOptions, StackUpResult, StackDownResult, StackStatus } from './stack';
export type { ResolvedDatabase, DatabaseKind } from './resolve-database';
export type { ResolvedKafka, KafkaKind, KafkaPlan, KafkaTools } from './kafka-source';
export { planKafka, INSTALL_HINT } from './kafka-source';
export {
  WIREWATCH_TOPICS,
  WIREWATCH_TOPIC_SPECS,
  LARGE_MESSAGE_TOPIC_CONFIG,
  ensureTopics,
  describeTopics,
  withTopicName,
  toTopicConfig,
} from './topics';
export type { TopicSpec, TopicDescription, EnsureTopicsResult } from './topics';
export { waitForKafkaReady, parseBrokerList, portAnswers } from './kafka-readiness';
export { withDatabase, redactUrl, WIREWATCH_DATABASE } from './database-url';
export { ensureDatabase } from './postgres-client';
export { stackPaths, throwawayStackPaths, findRepoRoot } from './stack-paths';
export { LOCAL_BROKERS } from './jar-broker';
export { freePort } from './free-port';
