// Three projects, named by what a test crosses: unit (pure code, beside it), integration (real PostgreSQL
// and/or Kafka), e2e (in through Kafka, out through HTTP or a topic).
const moduleNameMapper = {
  '^@app/(contracts|coding|escalation|mediation|event-store|projections|kafka|config|local-stack|testing|infrastructure|replay|alert-relay)$':
    '<rootDir>/libs/$1/src/index.ts',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] };
const common = { rootDir: __dirname, testEnvironment: 'node', moduleNameMapper, transform, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'], setupFilesAfterEnv: ['<rootDir>/libs/testing/jest/integration-timeout.cjs'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'], setupFilesAfterEnv: ['<rootDir>/libs/testing/jest/e2e-timeout.cjs'] },
  ],
};
