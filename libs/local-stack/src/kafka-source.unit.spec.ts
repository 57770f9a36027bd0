import { INSTALL_HINT, planKafka, type KafkaTools } from './kafka-source';

const nothing: KafkaTools = { dockerEngine: false, maven: false, jarsFetched: false };

describe('planKafka', () => {
  it('uses KAFKA_BROKERS when set, whatever is installed', () => {
    expect(planKafka({ KAFKA_BROKERS: 'k1:9092, k2:9092' }, { ...nothing, dockerEngine: true })).toEqual({
      kind: 'env',
      brokers: ['k1:9092', 'k2:9092'],
      fetchJars: false,
    });
  });

  it('prefers a Docker engine to the jars', () => {
    expect(planKafka({}, { dockerEngine: true, javaMajor: 17, maven: true, jarsFetched: true }).kind).toBe('docker');
  });

  it('runs the jars with Java 17+, fetching them only when they are missing', () => {
    expect(planKafka({ KAFKA_BROKERS: ' ' }, { ...nothing, javaMajor: 17, maven: true })).toEqual({
      kind: 'jars',
      brokers: ['127.0.0.1:9092'],
      fetchJars: true,
    });
    expect(planKafka({}, { ...nothing, javaMajor: 21, jarsFetched: true })).toMatchObject({ kind: 'jars', fetchJars: false });
  });

  it('says what to install when nothing can run Kafka', () => {
    const noMaven = planKafka({}, { ...nothing, javaMajor: 17 });
    expect(noMaven).toEqual({ kind: 'none', problem: expect.stringContaining(INSTALL_HINT) });
    const oldJava = planKafka({}, { ...nothing, javaMajor: 11, maven: true });
    expect(oldJava.kind === 'none' && oldJava.problem).toMatch(/java 11 \(too old\)/);
    const bare = planKafka({}, nothing);
    expect(bare.kind === 'none' && bare.problem).toMatch(/no java.*no mvn.*openjdk-17-jre-headless maven/);
  });
});
