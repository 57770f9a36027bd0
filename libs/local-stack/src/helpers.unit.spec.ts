import { databaseNameOf, quoteDatabaseName, redactUrl, withDatabase } from './database-url';
import { parseBrokerList, splitHostPort } from './kafka-readiness';
import { javaMajorFrom } from './process-control';
import { WIREWATCH_TOPICS, toTopicConfig, withTopicName } from './topics';

describe('configuration helpers', () => {
  it('parses broker lists', () => {
    expect(parseBrokerList('a:9092, b:9093,,')).toEqual(['a:9092', 'b:9093']);
    expect(parseBrokerList('')).toEqual([]);
    expect(splitHostPort('127.0.0.1:9092')).toEqual({ host: '127.0.0.1', port: 9092 });
    expect(splitHostPort('kafka')).toEqual({ host: 'kafka', port: 9092 });
  });

  it('reads the Java major version', () => {
    expect(javaMajorFrom('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorFrom('java version "1.8.0_402"')).toBe(8);
    expect(javaMajorFrom('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorFrom('bash: java: not found')).toBeUndefined();
  });

  it('moves a URL to another database and hides passwords', () => {
    expect(withDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'wirewatch')).toBe('postgres://postgres@127.0.0.1:5432/wirewatch');
    expect(databaseNameOf('postgres://u:p@h:1/ww_test?sslmode=disable')).toBe('ww_test');
    expect(redactUrl('postgres://postgres:secret@127.0.0.1:55432/wirewatch')).toBe('postgres://postgres:***@127.0.0.1:55432/wirewatch');
    expect(quoteDatabaseName('wirewatch')).toBe('"wirewatch"');
    expect(() => quoteDatabaseName('x"; DROP DATABASE y; --')).toThrow(/unusual/);
  });
});

describe('SPEC §2 topics', () => {
  it('have the local partition counts and 2 MiB on the input and dead-letter topics', () => {
    expect(Object.values(WIREWATCH_TOPICS).map((spec) => [spec.topic, spec.numPartitions])).toEqual([
      ['wire-reports.v1', 6],
      ['wire-reports.dlq.v1', 1],
      ['alerts.escalation.v1', 3],
      ['alerts.mediation.v1', 3],
    ]);
    expect(toTopicConfig(WIREWATCH_TOPICS.wireReports).configEntries).toEqual([{ name: 'max.message.bytes', value: '2097152' }]);
    expect(toTopicConfig(WIREWATCH_TOPICS.wireReportsDlq).configEntries).toEqual([{ name: 'max.message.bytes', value: '2097152' }]);
  });

  it('are copied under another name with the same settings', () => {
    const copy = withTopicName(WIREWATCH_TOPICS.wireReports, 'wire-reports.t-1');
    expect(copy).toEqual({ ...WIREWATCH_TOPICS.wireReports, topic: 'wire-reports.t-1' });
    expect(WIREWATCH_TOPICS.wireReports.topic).toBe('wire-reports.v1');
  });
});
