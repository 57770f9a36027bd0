export * from './offer-id';
export * from './offer';
export * from './answers';
export * from './offers';
export * from './mediation-alert';
