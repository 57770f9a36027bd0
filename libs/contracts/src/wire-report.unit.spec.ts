import { decodeWireReport, MAX_REPORT_BYTES, validateWireReport } from './wire-report';

const aReport = (overrides: Record<string, unknown> = {}) => ({
  reportId: 'wire-2025-05-07-0001',
  source: 'Test Wire',
  publishedAt: '2025-05-07T09:00:00+05:30',
  body: 'Officials said the border stayed quiet overnight.',
  ...overrides,
});
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');

describe('decodeWireReport', () => {
  it('accepts a valid report and keeps unknown fields', () => {
    const result = decodeWireReport(bytes(aReport({ desk: 'asia', language: 'en' })));
    expect(result).toEqual({ ok: true, report: expect.objectContaining({ reportId: 'wire-2025-05-07-0001', desk: 'asia' }) });
  });

  it.each([
    ['not_json', bytes('{"reportId": "x",'), []],
    ['not_json', bytes('just words'), []],
    ['not_utf8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), []],
    ['wrong_type', bytes('[1,2,3]'), []],
    ['missing_field', bytes(aReport({ body: undefined })), ['body']],
    ['missing_field', bytes({ source: 'x', publishedAt: '2025-01-01T00:00:00Z', body: 'b' }), ['reportId']],
    ['wrong_type', bytes(aReport({ body: 42 })), ['body']],
    ['invalid_value', bytes(aReport({ reportId: 'has spaces in it' })), ['reportId']],
    ['invalid_value', bytes(aReport({ publishedAt: '2025-05-07 09:00' })), ['publishedAt']],
    ['invalid_value', bytes(aReport({ publishedAt: '2025-05-07T09:00:00' })), ['publishedAt']],
    ['invalid_value', bytes(aReport({ body: '' })), ['body']],
    ['invalid_value', bytes(aReport({ reportId: 'r'.repeat(201) })), ['reportId']],
  ])('rejects %s input with the offending fields', (code, input, fields) => {
    const result = decodeWireReport(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rejection.code).toBe(code);
      expect(result.rejection.fields).toEqual(fields);
      expect(result.rejection.message.length).toBeGreaterThan(0);
    }
  });

  it('rejects a message over 1 MiB before parsing it', () => {
    const huge = bytes(aReport({ body: 'x'.repeat(MAX_REPORT_BYTES) }));
    const result = decodeWireReport(huge);
    expect(result.ok === false && result.rejection.code).toBe('too_large');
  });

  it('accepts a body of exactly 100,000 characters and refuses one more', () => {
    expect(validateWireReport(aReport({ body: 'y'.repeat(100_000) })).ok).toBe(true);
    expect(validateWireReport(aReport({ body: 'y'.repeat(100_001) })).ok).toBe(false);
  });

  it('accepts offsets written with and without a colon, and Z', () => {
    for (const publishedAt of ['2024-01-18T11:30:00+05:00', '2024-01-18T11:30:00+0500', '2024-01-18T06:30:00Z', '2024-01-18T06:30:00.123Z']) {
      expect(validateWireReport(aReport({ publishedAt })).ok).toBe(true);
    }
  });
});

describe('a NUL character, which PostgreSQL cannot store', () => {
  it('is refused with a reason instead of failing at the database', () => {
    const result = decodeWireReport(bytes(aReport({ body: 'before\u0000after' })));
    expect(result.ok === false && result.rejection.code).toBe('invalid_value');
  });
});
