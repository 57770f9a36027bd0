import { aWireReport } from '@app/testing';
import { wireReportUpcasters, type WireReportReceivedV2Data } from './index';
import { StoreFixture } from './testing/store-fixture';

describe('schema evolution: WireReportReceived v1 read as v2 (real PostgreSQL)', () => {
  let fixture: StoreFixture;

  beforeAll(async () => {
    fixture = await StoreFixture.create('ww_es_upcasting', { upcasters: wireReportUpcasters });
  });
  afterAll(() => fixture.close());

  const kafka = { topic: 'wire-reports.v1', partition: 1, offset: '88' };

  it('turns a v1 payload stored before the change into the v2 shape on every read path', async () => {
    const { store } = fixture;
    const report = aWireReport();
    await store.append('report-v1', 'no_stream', [{ type: 'WireReportReceived', schemaVersion: 1, data: { report }, metadata: { kafka } }], {
      idempotencyKey: 'v1',
    });
    const { rows } = await fixture.pool.query(`SELECT schema_version, data FROM events WHERE stream_id = 'report-v1'`);
    expect(rows).toEqual([{ schema_version: 1, data: { report } }]);

    const expected: WireReportReceivedV2Data = { report, receivedVia: kafka };
    const [fromStream] = await store.readStream('report-v1');
    expect(fromStream).toMatchObject({ schemaVersion: 2, data: expected });
    await fixture.settle();
    const fromAll = (await store.readAll(undefined, 10, { streamId: 'report-v1' })).events[0];
    expect(fromAll).toMatchObject({ schemaVersion: 2, data: expected });
    expect((await store.readByIdempotencyKey('v1'))!.events[0]).toMatchObject({ schemaVersion: 2, data: expected });
  });

  it('stores new events at the current version and hands them back untouched', async () => {
    const { store } = fixture;
    const data: WireReportReceivedV2Data = { report: aWireReport(), receivedVia: null };
    await store.append('report-v2', 'no_stream', [{ type: 'WireReportReceived', data }]);
    const { rows } = await fixture.pool.query(`SELECT schema_version FROM events WHERE stream_id = 'report-v2'`);
    expect(rows[0].schema_version).toBe(2);
    expect((await store.readStream('report-v2'))[0]).toMatchObject({ schemaVersion: 2, data });
  });
});
