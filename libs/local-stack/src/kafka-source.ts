import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { LOCAL_BROKERS, fetchKafkaJars, jarsAreCurrent, startJarBroker, type Log } from './jar-broker';
import { LOCAL_KAFKA_HOST, LOCAL_KAFKA_PORT } from './broker-config';
import { parseBrokerList, portAnswers, waitForKafkaReady } from './kafka-readiness';
import { javaMajorFrom, livePid, runQuietly } from './process-control';
import { withStackLock } from './stack-lock';
import type { StackPaths } from './stack-paths';

export type KafkaKind = 'env' | 'docker' | 'jars';

export interface KafkaTools {
  dockerEngine: boolean;
  javaMajor?: number;
  maven: boolean;
  jarsFetched: boolean;
}

export type KafkaPlan = { kind: KafkaKind; brokers: string[]; fetchJars: boolean } | { kind: 'none'; problem: string };

export const INSTALL_HINT =
  'install Java 17 and Maven (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless maven), ' +
  'or run a Docker engine, or point KAFKA_BROKERS at a running broker (host:port[,host:port])';

/** Which Kafka to use, from the environment and the tools found (pure; SPEC §1 order). */
export function planKafka(env: NodeJS.ProcessEnv, tools: KafkaTools): KafkaPlan {
  const fromEnv = parseBrokerList(env.KAFKA_BROKERS ?? '');
  if (fromEnv.length > 0) return { kind: 'env', brokers: fromEnv, fetchJars: false };
  if (tools.dockerEngine) return { kind: 'docker', brokers: LOCAL_BROKERS, fetchJars: false };
  const javaOk = (tools.javaMajor ?? 0) >= 17;
  if (javaOk && (tools.jarsFetched || tools.maven)) return { kind: 'jars', brokers: LOCAL_BROKERS, fetchJars: !tools.jarsFetched };
  const found = tools.javaMajor === undefined ? 'no java' : `java ${tools.javaMajor}${javaOk ? '' : ' (too old)'}`;
  return { kind: 'none', problem: `Kafka cannot be started here (no Docker engine, ${found}, ${tools.maven ? 'mvn' : 'no mvn'}): ${INSTALL_HINT}` };
}

export function detectKafkaTools(paths: StackPaths): KafkaTools {
  const docker = runQuietly('docker', ['info', '--format', '{{.ServerVersion}}'], 10000);
  const java = runQuietly('java', ['-version']);
  const maven = runQuietly('mvn', ['-v']);
  return {
    dockerEngine: docker?.status === 0,
    javaMajor: java?.status === 0 ? javaMajorFrom(java.output) : undefined,
    maven: maven?.status === 0,
    jarsFetched: jarsAreCurrent(paths.kafka),
  };
}

export interface ResolvedKafka {
  brokers: string[];
  kind: KafkaKind;
  /** What this call did: nothing (already there), started the broker, fetched jars first. */
  action: 'found' | 'started';
  pid?: number;
  jarFetchSeconds?: number;
  secondsToReady?: number;
}

/** A Kafka that answers: KAFKA_BROKERS, else docker compose, else the jar broker (started if needed). */
export async function resolveKafkaAt(paths: StackPaths, log: Log, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedKafka> {
  const fromEnv = parseBrokerList(env.KAFKA_BROKERS ?? '');
  if (fromEnv.length > 0) {
    await waitForKafkaReady(fromEnv, { timeoutMs: 30000 });
    return { brokers: fromEnv, kind: 'env', action: 'found' };
  }
  const running = await runningLocalKafka(paths, log);
  if (running) return running;
  const plan = planKafka(env, detectKafkaTools(paths));
  if (plan.kind === 'none') throw new Error(plan.problem);
  if (plan.kind === 'docker') return composeUpKafka(paths, log);
  return withStackLock(paths.kafka.lockFile, log, async () => {
    const jarFetchSeconds = jarsAreCurrent(paths.kafka) ? undefined : (await fetchKafkaJars(paths.kafka, log)).seconds;
    const start = await startJarBroker(paths.kafka, log);
    return {
      brokers: LOCAL_BROKERS,
      kind: 'jars' as const,
      action: start.alreadyRunning ? ('found' as const) : ('started' as const),
      pid: start.pid,
      jarFetchSeconds,
      secondsToReady: start.alreadyRunning ? undefined : start.secondsToReady,
    };
  });
}

/** A broker already on 127.0.0.1:9092 is used whatever started it (tools are only needed to start one). */
async function runningLocalKafka(paths: StackPaths, log: Log): Promise<ResolvedKafka | undefined> {
  const pid = livePid(paths.kafka.pidFile, paths.kafka.serverProperties);
  if (pid === undefined && !(await portAnswers(LOCAL_KAFKA_HOST, LOCAL_KAFKA_PORT))) return undefined;
  await waitForKafkaReady(LOCAL_BROKERS, { timeoutMs: 60000 });
  if (pid !== undefined) return { brokers: LOCAL_BROKERS, kind: 'jars', action: 'found', pid };
  if (existsSync(paths.kafka.dockerMarker)) return { brokers: LOCAL_BROKERS, kind: 'docker', action: 'found' };
  log(`Using the Kafka broker that already answers on ${LOCAL_BROKERS[0]} (not started from this checkout; \`stack down\` leaves it alone)`);
  return { brokers: LOCAL_BROKERS, kind: 'env', action: 'found' };
}

/** `docker compose` (the plugin), else the standalone `docker-compose`. */
function composeCommand(): [string, ...string[]] {
  if (runQuietly('docker', ['compose', 'version'])?.status === 0) return ['docker', 'compose'];
  if (runQuietly('docker-compose', ['version'])?.status === 0) return ['docker-compose'];
  throw new Error('a Docker engine answers but neither `docker compose` nor `docker-compose` is installed');
}

function compose(paths: StackPaths, args: string[], log: Log): number | null {
  const [command, ...prefix] = composeCommand();
  const full = [...prefix, '-f', paths.compose, ...args];
  log(`${command} ${full.join(' ')}`);
  return spawnSync(command, full, { stdio: ['ignore', 'inherit', 'inherit'] }).status;
}

async function composeUpKafka(paths: StackPaths, log: Log): Promise<ResolvedKafka> {
  log('A Docker engine answers: starting Kafka from docker/docker-compose.yml');
  if (compose(paths, ['up', '-d', 'kafka'], log) !== 0) throw new Error('docker compose could not start kafka');
  writeFileSync(paths.kafka.dockerMarker, `${new Date().toISOString()}\n`);
  const started = Date.now();
  await waitForKafkaReady(LOCAL_BROKERS, { timeoutMs: 120000 });
  return { brokers: LOCAL_BROKERS, kind: 'docker', action: 'started', secondsToReady: (Date.now() - started) / 1000 };
}

/** Stops the compose Kafka only if `stack up` started it. */
export function composeStopKafka(paths: StackPaths, log: Log): boolean {
  if (!existsSync(paths.kafka.dockerMarker)) return false;
  if (compose(paths, ['stop', 'kafka'], log) !== 0) throw new Error('docker compose could not stop kafka');
  rmSync(paths.kafka.dockerMarker, { force: true });
  return true;
}
