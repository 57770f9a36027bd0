import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Partitioners } from 'kafkajs';
import { fetchKafkaJars, jarsAreCurrent, startJarBroker, type BrokerAddress } from './jar-broker';
import { freePort } from './free-port';
import { processAlive } from './process-control';
import { stackDown } from './stack';
import { throwawayStackPaths, type StackPaths } from './stack-paths';
import { ensureTopics, kafkaClient, withAdmin, withTopicName, WIREWATCH_TOPICS } from './topics';

// The integration project's testTimeout is a global Jest option (ignored per project): set it here.
jest.setTimeout(300000); // two cold broker starts; slow when the machine is loaded
// A broker of this test's own (free ports, data in a temp folder, the shared jars): it is started, stopped by
// `stackDown`, restarted and stopped again without touching the shared broker on 127.0.0.1:9092.
let address: BrokerAddress;
let brokers: string[];
const log = (line: string) => process.stdout.write(`[own broker] ${line}\n`);

function ownPaths(): StackPaths {
  return throwawayStackPaths(mkdtempSync(join(tmpdir(), 'wirewatch-broker-')));
}

describe('the jar broker lifecycle (a broker of its own on free ports)', () => {
  const paths = ownPaths();
  const group = `stack-test-${randomBytes(3).toString('hex')}`;
  const input = withTopicName(WIREWATCH_TOPICS.wireReports, `wire-reports.lifecycle-${randomBytes(3).toString('hex')}`);

  beforeAll(async () => {
    address = { host: '127.0.0.1', port: await freePort(), controllerPort: await freePort() };
    brokers = [`${address.host}:${address.port}`];
    if (!jarsAreCurrent(paths.kafka)) await fetchKafkaJars(paths.kafka, log);
  }, 180000);

  afterAll(async () => {
    await stackDown({ paths });
    rmSync(paths.stack, { recursive: true, force: true });
  });

  it('formats, starts and is ready; a second start finds it running', async () => {
    const first = await startJarBroker(paths.kafka, log, address);
    expect(first.alreadyRunning).toBe(false);
    expect(first.pid).toEqual(expect.any(Number));
    expect(processAlive(first.pid as number)).toBe(true);
    expect(first.secondsToReady).toBeLessThan(60);
    const second = await startJarBroker(paths.kafka, log, address);
    expect(second).toMatchObject({ alreadyRunning: true, pid: first.pid });
  });

  it('carries a 1.5 MiB report on a 2 MiB topic and commits a consumer group offset', async () => {
    await ensureTopics(brokers, [input]);
    const kafka = kafkaClient(brokers, 'stack-lifecycle-test');
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: input.topic, acks: -1, messages: [{ key: 'big', value: Buffer.alloc(1536 * 1024, 120) }] });
    await producer.send({ topic: input.topic, acks: -1, messages: [{ key: 'big', value: 'small' }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: group, maxBytesPerPartition: 4 * 1024 * 1024 });
    await consumer.connect();
    await consumer.subscribe({ topic: input.topic, fromBeginning: true });
    const sizes: number[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            sizes.push(message.value?.length ?? 0);
            if (sizes.length === 2) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    expect(sizes).toEqual([1536 * 1024, 5]);
  });

  it('stackDown stops it by pid (SIGTERM); a restart on the same data is ready with the group offsets', async () => {
    const pid = Number(readFileSync(paths.kafka.pidFile, 'utf8'));
    const down = await stackDown({ paths });
    log(`stopped by stackDown in ${down.kafka.seconds?.toFixed(1)} s`);
    expect(down.kafka).toMatchObject({ stopped: true, pid, forced: false });
    expect(processAlive(pid)).toBe(false);
    expect(existsSync(paths.kafka.pidFile)).toBe(false);
    expect((await stackDown({ paths })).kafka.stopped).toBe(false);

    const restarted = await startJarBroker(paths.kafka, log, address);
    expect(restarted.alreadyRunning).toBe(false);
    // Ready means the coordinator has loaded __consumer_offsets: no COORDINATOR_LOAD_IN_PROGRESS here.
    const offsets = await withAdmin(brokers, (admin) => admin.fetchOffsets({ groupId: group, topics: [input.topic] }));
    const committed = offsets[0].partitions.reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
    expect(committed).toBe(2);
  });
});
