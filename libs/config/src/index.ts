export * from './environment';
export * from './wirewatch-config.module';
