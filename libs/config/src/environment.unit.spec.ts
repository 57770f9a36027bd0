import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('gives the local defaults when nothing is set', () => {
    const env = validateEnvironment({});
    expect(env.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/wirewatch');
    expect(env.PORT).toBe(3000);
    expect(env.WIRE_REPORTS_TOPIC).toBe('wire-reports.v1');
    expect(env.WIREWATCH_API_KEYS).toEqual([]);
  });

  it('parses broker lists and API keys with roles', () => {
    const env = validateEnvironment({ KAFKA_BROKERS: 'a:9092, b:9093', WIREWATCH_API_KEYS: 'k1:viewer,k2:admin' });
    expect(env.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(env.WIREWATCH_API_KEYS).toEqual([
      { key: 'k1', role: 'viewer' },
      { key: 'k2', role: 'admin' },
    ]);
  });

  it.each([
    ['PORT', 'eighty', 'PORT'],
    ['KAFKA_BROKERS', 'no-port-here', 'KAFKA_BROKERS'],
    ['DATABASE_URL', 'not a url', 'DATABASE_URL'],
    ['WIREWATCH_API_KEYS', 'k1:superuser', 'WIREWATCH_API_KEYS'],
    ['WIRE_REPORTS_TOPIC', 'has space', 'WIRE_REPORTS_TOPIC'],
  ])('stops on a bad %s and names the variable', (name, value, named) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(ConfigurationError);
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(named));
  });
});
