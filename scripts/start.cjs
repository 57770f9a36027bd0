#!/usr/bin/env node
// `npm start`: everything on local defaults. Installs and builds if needed, brings up Kafka and PostgreSQL,
// starts the ingest, projector and api apps, publishes the project's sample wire reports, prints the URLs,
// and runs until Ctrl-C (which stops the apps; `npx wirewatch stack down` stops Kafka too).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const readline = require('node:readline');

const root = join(__dirname, '..');
const port = Number(process.env.PORT ?? 3000);
const env = { ...process.env };

function run(title, command, args) {
  process.stdout.write(`▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`✖ ${title} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(1);
  }
}

/** `wirewatch stack up --json`: starts what is missing and says where Kafka and PostgreSQL are. */
function stackUp() {
  process.stdout.write('▶ Local stack: Kafka and PostgreSQL\n');
  const result = spawnSync('node', ['bin/wirewatch.cjs', 'stack', 'up', '--json'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write('✖ the local stack did not come up (see above)\n');
    process.exit(1);
  }
  const stack = JSON.parse(result.stdout.toString());
  process.stdout.write(`  Kafka ${stack.kafka.brokers.join(',')} (${stack.kafka.kind}), PostgreSQL ${stack.postgres.url} (${stack.postgres.kind})\n`);
  return stack;
}

function startApp(name) {
  const child = spawn('node', [`dist/apps/${name}/src/main.js`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`✖ ${name} exited (${code ?? signal}); stopping\n`);
      stop(1);
    }
  });
  return child;
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not report healthy within ${timeoutMs / 1000} s`);
}

let stopping = false;
const apps = [];
function stop(code = 0) {
  stopping = true;
  for (const child of apps) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}

async function main() {
  if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) run('Installing dependencies (npm ci)', 'npm', ['ci']);
  run('Building', 'npm', ['run', '--silent', 'build']);
  const stack = stackUp();
  env.KAFKA_BROKERS = stack.kafka.brokers.join(',');
  env.DATABASE_URL = stack.postgres.url;
  process.stdout.write('▶ Starting ingest, projector, api\n');
  for (const name of ['ingest', 'projector', 'api']) apps.push(startApp(name));
  await waitForHealth(`http://127.0.0.1:${port}/health`, 90_000);
  run('Publishing the sample wire reports', 'node', ['bin/wirewatch.cjs', 'publish', 'samples/wire-reports.ndjson']);
  const base = `http://127.0.0.1:${port}`;
  process.stdout.write(
    [
      '',
      'Wirewatch is running:',
      `  dashboard        ${base}/`,
      `  dyads            ${base}/api/v1/dyads`,
      `  mediation offers ${base}/api/v1/mediation-offers`,
      `  a sample report  ${base}/api/v1/reports/sample-003`,
      `  API docs         ${base}/docs`,
      `  health, metrics  ${base}/health  ${base}/metrics`,
      'Ctrl-C stops the apps; `npx wirewatch stack down` stops Kafka.',
      '',
    ].join('\n'),
  );
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
main().catch((error) => {
  process.stderr.write(`✖ ${error.message}\n`);
  stop(1);
});
