export * from './labelled';
export * from './match';
export * from './score';
export * from './format';
