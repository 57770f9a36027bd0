export * from './database.module';
export * from './kafka.module';
export * from './health-indicators';
export * from './event-store.module';
export * from './graceful-shutdown';
