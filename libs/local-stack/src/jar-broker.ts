import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import {
  LOCAL_KAFKA_HOST,
  LOCAL_KAFKA_PORT,
  LOCAL_CONTROLLER_PORT,
  clusterIdFromOutput,
  isValidClusterId,
  kafkaVersionFromPom,
  majorOf,
  newClusterId,
  renderLog4jProperties,
  renderServerProperties,
} from './broker-config';
import { kafkaAnswers, portAnswers, waitForKafkaReady, waitForPort } from './kafka-readiness';
import { livePid, processAlive, stopByPidFile, type StopResult } from './process-control';
import type { KafkaPaths } from './stack-paths';

export type Log = (line: string) => void;

export const LOCAL_BROKERS = [`${LOCAL_KAFKA_HOST}:${LOCAL_KAFKA_PORT}`];

/** Where the jar broker listens; tests that need a broker of their own pick other ports. */
export interface BrokerAddress {
  host: string;
  port: number;
  controllerPort: number;
}

export const LOCAL_BROKER_ADDRESS: BrokerAddress = { host: LOCAL_KAFKA_HOST, port: LOCAL_KAFKA_PORT, controllerPort: LOCAL_CONTROLLER_PORT };
const brokerList = (address: BrokerAddress): string[] => [`${address.host}:${address.port}`];
const FETCHED_MARKER = '.fetched';

export function pinnedKafkaVersion(paths: KafkaPaths): string {
  return kafkaVersionFromPom(readFileSync(paths.pom, 'utf8'));
}

/** The jars are current when the marker holds the hash of the pom they were fetched with. */
export function jarsAreCurrent(paths: KafkaPaths): boolean {
  const marker = join(paths.libs, FETCHED_MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === pomHash(paths);
}

function pomHash(paths: KafkaPaths): string {
  return createHash('sha256').update(readFileSync(paths.pom)).digest('hex');
}

/** Fetches Kafka's jars (and a logging backend) from Maven Central into .stack/kafka/libs, atomically. */
export async function fetchKafkaJars(paths: KafkaPaths, log: Log): Promise<{ seconds: number; jars: number }> {
  const started = Date.now();
  const staging = `${paths.libs}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  log(`Fetching Apache Kafka ${pinnedKafkaVersion(paths)} jars from Maven Central with mvn (46 MB; 15-75 s the first time on a machine, a few seconds once ~/.m2 holds them) ...`);
  const ticker = setInterval(() => log(`  ... still fetching (${Math.round((Date.now() - started) / 1000)} s)`), 10000);
  try {
    const args = [
      '-B', '-q', '-f', paths.pom,
      'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
      '-DincludeScope=runtime', `-DoutputDirectory=${staging}`,
    ];
    const { code, output } = await runCollecting('mvn', args);
    if (code !== 0) throw new Error(`mvn could not fetch the Kafka jars (exit ${code}):\n${output.slice(-2000)}`);
  } finally {
    clearInterval(ticker);
  }
  const jars = readdirSync(staging).filter((name) => name.endsWith('.jar')).length;
  writeFileSync(join(staging, FETCHED_MARKER), `${pomHash(paths)}\n`);
  rmSync(paths.libs, { recursive: true, force: true });
  renameSync(staging, paths.libs);
  const seconds = (Date.now() - started) / 1000;
  log(`Fetched ${jars} jars in ${seconds.toFixed(1)} s into ${paths.libs}`);
  return { seconds, jars };
}

function runCollecting(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

function clusterId(paths: KafkaPaths): string {
  if (existsSync(paths.clusterIdFile)) {
    const stored = clusterIdFromOutput(readFileSync(paths.clusterIdFile, 'utf8'));
    if (stored) return stored;
  }
  const id = newClusterId();
  writeFileSync(paths.clusterIdFile, `${id}\n`);
  return id;
}

function writeBrokerConfig(paths: KafkaPaths, version: string, address: BrokerAddress): void {
  mkdirSync(paths.config, { recursive: true });
  mkdirSync(paths.logs, { recursive: true });
  writeFileSync(paths.serverProperties, renderServerProperties({ dataDir: paths.data, kafkaMajor: majorOf(version), ...address }));
  writeFileSync(paths.log4jProperties, renderLog4jProperties());
}

const javaClasspath = (paths: KafkaPaths): string[] => [
  `-Dlog4j.configuration=file:${paths.log4jProperties}`,
  `-Dkafka.logs.dir=${paths.logs}`,
  '-cp',
  `${paths.libs}/*`,
];

/** `StorageTool format`, only for a data folder that was never formatted. */
function formatStorage(paths: KafkaPaths, log: Log): void {
  if (existsSync(join(paths.data, 'meta.properties'))) return;
  const id = clusterId(paths);
  if (!isValidClusterId(id)) throw new Error(`invalid Kafka cluster id ${JSON.stringify(id)}`);
  log(`Formatting the broker's storage (cluster id ${id}) ...`);
  const result = spawnSync(
    'java',
    ['-Xmx256M', ...javaClasspath(paths), 'kafka.tools.StorageTool', 'format', '-t', id, '-c', paths.serverProperties, '--ignore-formatted'],
    { encoding: 'utf8', timeout: 60000 },
  );
  if (result.status !== 0) throw new Error(`kafka-storage format failed:\n${result.stdout}${result.stderr}`);
}

/** The last lines of the broker's own output and log, to explain a failed start. */
export function brokerLogTail(paths: KafkaPaths, lines = 30): string {
  return ['kafka.out', 'server.log']
    .map((name) => join(paths.logs, name))
    .filter((file) => existsSync(file))
    .map((file) => `--- ${file}\n${readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')}`)
    .join('\n');
}

export interface JarBrokerStart {
  brokers: string[];
  /** Absent when the broker answering is not one this checkout started. */
  pid?: number;
  alreadyRunning: boolean;
  secondsToReady: number;
}

/** Starts the jar broker in the background (pid in .stack/kafka/kafka.pid) and waits until it is ready. */
export async function startJarBroker(paths: KafkaPaths, log: Log, address: BrokerAddress = LOCAL_BROKER_ADDRESS): Promise<JarBrokerStart> {
  const brokers = brokerList(address);
  const running = livePid(paths.pidFile, paths.serverProperties);
  if (running !== undefined) {
    await waitForKafkaReady(brokers, { timeoutMs: 60000, abortReason: () => exitedReason(running, paths) });
    return { brokers, pid: running, alreadyRunning: true, secondsToReady: 0 };
  }
  if (await portAnswers(address.host, address.port)) {
    // Another checkout's stack (or a broker of the user's own) already serves this address: use it, never stop it.
    if (await kafkaAnswers(brokers)) {
      log(`A Kafka broker not started from this checkout answers on ${brokers[0]}; using it (\`stack down\` leaves it alone)`);
      await waitForKafkaReady(brokers, { timeoutMs: 60000 });
      return { brokers, alreadyRunning: true, secondsToReady: 0 };
    }
    throw new Error(`something that is not Kafka listens on ${brokers[0]}; stop it, or set KAFKA_BROKERS to a broker`);
  }
  const version = pinnedKafkaVersion(paths);
  writeBrokerConfig(paths, version, address);
  formatStorage(paths, log);
  const started = Date.now();
  const out = openSync(join(paths.logs, 'kafka.out'), 'a');
  const child = spawn(
    'java',
    ['-Xms256m', '-Xmx1G', '-XX:+UseG1GC', '-Djava.awt.headless=true', ...javaClasspath(paths), 'kafka.Kafka', paths.serverProperties],
    { detached: true, stdio: ['ignore', out, out], cwd: paths.home },
  );
  closeSync(out);
  if (child.pid === undefined) throw new Error('java could not be started');
  const pid = child.pid;
  child.unref();
  writeFileSync(paths.pidFile, `${pid}\n`);
  log(`Started Kafka ${version} (pid ${pid}); waiting for ${brokers[0]} ...`);
  const abortReason = () => exitedReason(pid, paths);
  await waitForPort(address.host, address.port, { timeoutMs: 120000, abortReason }); // a loaded 2-core machine needs more than 60 s
  const secondsToPort = (Date.now() - started) / 1000;
  await waitForKafkaReady(brokers, { timeoutMs: 60000, abortReason });
  const secondsToReady = (Date.now() - started) / 1000;
  log(`Kafka is ready on ${brokers[0]} after ${secondsToReady.toFixed(1)} s (port open after ${secondsToPort.toFixed(1)} s)`);
  return { brokers, pid, alreadyRunning: false, secondsToReady };
}

function exitedReason(pid: number, paths: KafkaPaths): string | undefined {
  return processAlive(pid) ? undefined : `the Kafka broker (pid ${pid}) exited during start-up:\n${brokerLogTail(paths)}`;
}

export function stopJarBroker(paths: KafkaPaths): Promise<StopResult> {
  return stopByPidFile(paths.pidFile, paths.serverProperties, 30000);
}
