export * from './wire-report';
export * from './coded-event';
export * from './report-events';
