import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { collectTopic, createTestTopics, eventually, type TestTopics } from '@app/testing';

const ROOT = join(__dirname, '..');
const wirewatch = (...args: string[]) => {
  const entry = join(ROOT, process.env.WIREWATCH_DIST_DIR ?? 'dist', 'apps', 'cli', 'src', 'main.js');
  const result = spawnSync(process.execPath, [entry, ...args], { cwd: ROOT, encoding: 'utf8', env: process.env, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

// The `wirewatch` command against the real broker: publishing, usage errors, the stack's status.
describe('wirewatch CLI', () => {
  let topics: TestTopics;
  beforeAll(async () => {
    topics = await createTestTopics('e2e-cli');
  });

  it('publishes the sample reports, keyed by reportId, and says how many it sent', async () => {
    const collector = await collectTopic(topics.wireReports);
    try {
      const result = wirewatch('publish', 'samples/wire-reports.ndjson', '--topic', topics.wireReports);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/published 10 reports .* to wire-reports\./);
      const messages = await eventually(() => {
        if (collector.messages.length < 10) throw new Error(`${collector.messages.length} of 10`);
        return collector.messages;
      });
      expect(messages.map((message) => message.key?.toString()).sort()).toEqual(
        Array.from({ length: 10 }, (_, index) => `sample-${String(index + 1).padStart(3, '0')}`),
      );
    } finally {
      await collector.stop();
    }
  });

  it('exits 2 with one line on stderr for a missing file or an unknown command', () => {
    const missing = wirewatch('publish', 'no/such/file.ndjson');
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/no such file/);

    expect(wirewatch('stack', 'sideways').status).toBe(2);
    expect(wirewatch('no-such-command').status).toBe(2);
  });

  it('shows the stack as answering', () => {
    const status = wirewatch('stack', 'status');
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/Kafka .* answers/);
    expect(status.stdout).toMatch(/PostgreSQL .* answers/);
  });
});
