import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BROKER_MESSAGE_MAX_BYTES,
  clusterIdFromOutput,
  isValidClusterId,
  kafkaVersionFromPom,
  majorOf,
  newClusterId,
  renderServerProperties,
} from './broker-config';
import { findRepoRoot } from './stack-paths';

const asMap = (text: string): Map<string, string> =>
  new Map(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

describe('server.properties', () => {
  const props = asMap(renderServerProperties({ dataDir: '/tmp/kafka-data', kafkaMajor: 3 }));

  it('is a single-node KRaft broker+controller on 127.0.0.1:9092 with its controller on 9093', () => {
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:9093');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093');
    expect(props.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:9092');
    expect(props.get('log.dirs')).toBe('/tmp/kafka-data');
    expect(props.get('offsets.topic.replication.factor')).toBe('1');
  });

  it('refuses auto-created topics, accepts 2 MiB batches and rebalances without delay', () => {
    expect(props.get('auto.create.topics.enable')).toBe('false');
    expect(Number(props.get('message.max.bytes'))).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(BROKER_MESSAGE_MAX_BYTES).toBe(2097152);
    expect(props.get('group.initial.rebalance.delay.ms')).toBe('0');
  });

  it('adds the 4.x settings only for Kafka 4', () => {
    expect(props.has('group.coordinator.append.linger.ms')).toBe(false);
    const four = asMap(renderServerProperties({ dataDir: '/d', kafkaMajor: 4 }));
    expect(four.get('group.coordinator.append.linger.ms')).toBe('0');
    expect(four.get('share.coordinator.state.topic.replication.factor')).toBe('1');
  });

  it('takes other ports for a second broker', () => {
    const other = asMap(renderServerProperties({ dataDir: '/d', kafkaMajor: 3, port: 19092, controllerPort: 19093 }));
    expect(other.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(other.get('controller.quorum.voters')).toBe('1@127.0.0.1:19093');
  });
});

describe('cluster id', () => {
  it('accepts 22 URL-safe base64 characters only', () => {
    expect(isValidClusterId('MkU3OEVBNTcwNTJENDM2Qk')).toBe(true);
    expect(isValidClusterId('MkU3OEVBNTcwNTJENDM2Q')).toBe(false);
    expect(isValidClusterId('log4j:WARN No appenders')).toBe(false);
    expect(isValidClusterId('MkU3OEVBNTcwNTJENDM2Q+')).toBe(false);
  });

  it('takes the last line of tool output and never stderr noise', () => {
    expect(clusterIdFromOutput('log4j:WARN No appenders could be found\nMkU3OEVBNTcwNTJENDM2Qk\n')).toBe('MkU3OEVBNTcwNTJENDM2Qk');
    expect(clusterIdFromOutput('MkU3OEVBNTcwNTJENDM2Qk\nlog4j:WARN Please initialize the log4j system properly.')).toBeUndefined();
    expect(clusterIdFromOutput('')).toBeUndefined();
  });

  it('makes valid fresh ids that never start with "-"', () => {
    for (let i = 0; i < 200; i++) expect(isValidClusterId(newClusterId())).toBe(true);
    const dashFirst = Buffer.concat([Buffer.from([0xf8]), Buffer.alloc(15)]);
    const draws = [dashFirst, Buffer.alloc(16, 7)];
    const id = newClusterId(() => draws.shift() ?? Buffer.alloc(16, 9));
    expect(dashFirst.toString('base64url').startsWith('-')).toBe(true);
    expect(id).toBe(Buffer.alloc(16, 7).toString('base64url'));
  });
});

describe('the pinned Kafka version', () => {
  const root = findRepoRoot();
  const version = kafkaVersionFromPom(readFileSync(join(root, 'libs/local-stack/kafka/pom.xml'), 'utf8'));

  it('is read from the pom', () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(majorOf('3.9.1')).toBe(3);
    expect(() => kafkaVersionFromPom('<project/>')).toThrow(/kafka.version/);
  });

  it('is the same in docker-compose.yml', () => {
    const compose = readFileSync(join(root, 'docker/docker-compose.yml'), 'utf8');
    const tags = [...compose.matchAll(/image:\s*apache\/kafka:(\S+)/g)].map((match) => match[1]);
    expect(tags.length).toBeGreaterThan(0);
    expect(new Set(tags)).toEqual(new Set([version]));
  });
});
