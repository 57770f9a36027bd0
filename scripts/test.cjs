#!/usr/bin/env node
// `npm test`: every test, on a fresh machine. Installs what is missing, checks layering and types, builds the
// apps (end-to-end tests run them as real processes), brings the local Kafka and PostgreSQL up, runs Jest's
// unit, integration and e2e projects, and closes with one summary line.
const { existsSync, readFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const jestArgs = process.argv.slice(2);

function step(title, command, args, options = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
  if (result.status !== 0 && !options.allowFailure) {
    process.stderr.write(`✖ ${title} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(1);
  }
  return result.status;
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) step('Installing dependencies (npm ci)', 'npm', ['ci']);
step('Lint: layering rules and types', 'npm', ['run', '--silent', 'lint']);
step('Build', 'npm', ['run', '--silent', 'build']);
process.stdout.write('\n▶ Local stack: Kafka and PostgreSQL\n');
const stackRun = spawnSync('node', ['bin/wirewatch.cjs', 'stack', 'up', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
if (stackRun.status !== 0) {
  process.stderr.write('✖ the local stack did not come up (see above); integration and e2e tests need it\n');
  process.exit(1);
}
const stack = JSON.parse(stackRun.stdout.toString());
process.env.KAFKA_BROKERS = stack.kafka.brokers.join(',');
// Tests create their own databases on this server; DATABASE_URL's database itself is left alone.
process.env.TEST_DATABASE_SERVER_URL = stack.postgres.url;
process.stdout.write(`  Kafka ${process.env.KAFKA_BROKERS} (${stack.kafka.kind}), PostgreSQL ${stack.postgres.url} (${stack.postgres.kind})\n`);

mkdirSync(join(root, '.stack'), { recursive: true });
const resultsFile = join(root, '.stack', 'jest-results.json');
const status = step(
  'Tests: unit, integration, e2e',
  'node',
  ['node_modules/jest/bin/jest.js', '--maxWorkers=2', '--json', `--outputFile=${resultsFile}`, ...jestArgs],
  { allowFailure: true },
);

let summary = 'no test results were written';
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
  if (results.numTotalTests === 0) summary = '0 passed, 0 failed (no test ran)';
}
process.stdout.write(`\ntests: ${summary}\n`);
process.exit(status === 0 ? 0 : 1);
