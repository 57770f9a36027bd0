export * from './dead-letter';
export * from './kafka-client';
export * from './transactional-dead-letters';
