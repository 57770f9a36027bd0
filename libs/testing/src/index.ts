export * from './test-database';
export * from './kafka-fixtures';
export * from './eventually';
export * from './app-process';
export * from './builders';
export * from './pipeline';
