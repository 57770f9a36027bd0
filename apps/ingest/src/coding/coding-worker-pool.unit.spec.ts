import { code } from '@app/coding';
import type { WireReport } from '@app/contracts';
import { CodingWorkerPool } from './coding-worker-pool';

// Runs the compiled coding thread (dist/, which `npm test` builds first).
const BODIES = [
  'Eritrean forces shelled the Ethiopian town of Zalambessa on Tuesday, killing four civilians, officials said.',
  'Pakistan condemned the Indian strike on Monday and warned of a response.',
  'Kenya offered to mediate between Eritrea and Ethiopia, provided both sides agree to a ceasefire.',
  'The weather in Nairobi was mild on Wednesday.',
];

const report = (index: number): WireReport => ({
  reportId: `pool-${index}`,
  source: 'Test Wire',
  publishedAt: `2026-03-${String(10 + (index % 15)).padStart(2, '0')}T12:00:00Z`,
  body: BODIES[index % BODIES.length],
});

describe('CodingWorkerPool', () => {
  let pool: CodingWorkerPool;
  beforeAll(() => {
    pool = new CodingWorkerPool(2);
  });
  afterAll(() => pool.close());

  it('answers each report of a batch asked for at once with what the coder gives it, in its order', async () => {
    const reports = Array.from({ length: 301 }, (_, index) => report(index));
    const coded = await Promise.all(reports.map((each) => pool.code(each)));
    expect(coded).toEqual(reports.map((each) => code(each)));
    expect(coded.filter((events) => events.length > 0).length).toBeGreaterThan(200);
  });

  it('answers reports asked for in separate turns, while earlier batches are still out', async () => {
    const first = Array.from({ length: 50 }, (_, index) => pool.code(report(index)));
    await Promise.resolve();
    const second = [pool.code(report(1000)), pool.code(report(1001))];
    expect(await Promise.all([...first, ...second])).toEqual([...Array.from({ length: 50 }, (_, index) => code(report(index))), code(report(1000)), code(report(1001))]);
  });

  it('rejects the part of a report that cannot be sent to a thread, and answers the parts after it', async () => {
    const uncopyable = { ...report(0), reportId: 'pool-uncopyable', body: report(0).body, extra: () => undefined } as unknown as WireReport;
    const first = Array.from({ length: 25 }, (_, index) => (index === 3 ? uncopyable : report(index)));
    const outcomes = await Promise.allSettled([...first, report(25)].map((each) => pool.code(each)));
    expect(outcomes.slice(0, 25).every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(outcomes[25]).toEqual({ status: 'fulfilled', value: code(report(25)) });
  });

  it('rejects only the report the coder threw on; the others of its batch are answered', async () => {
    const broken = { reportId: 'pool-broken', source: 'Test Wire', publishedAt: '2026-03-10T12:00:00Z' } as unknown as WireReport;
    expect(() => code(broken)).toThrow();
    const outcomes = await Promise.allSettled([pool.code(report(0)), pool.code(broken), pool.code(report(2))]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[0] as PromiseFulfilledResult<unknown>).value).toEqual(code(report(0)));
  });
});
