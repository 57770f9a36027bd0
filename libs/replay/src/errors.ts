/** The topic cannot take a replay (it exists with more than one partition). */
export class ReplayTopicError extends Error {}

/** Kafka could not be reached or refused to create the topic: worth trying again later. */
export class ReplayTargetUnavailableError extends Error {}
