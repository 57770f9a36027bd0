export { code } from './code';
export { isCodable } from './codable';
export { CODER_VERSION } from './version';
export * from './evaluation';
