export * from './outbox-store';
export * from './kafka-alert-publisher';
export * from './leadership';
export * from './outbox-relay';
export { backoffMs } from './backoff';
