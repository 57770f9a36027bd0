export * from './dead-letter';
export * from './kafka-client';
