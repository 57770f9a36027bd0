import { aWireReport } from '@app/testing';
import { UpcastError } from './errors';
import { createUpcasterRegistry } from './upcasting';
import { wireReportReceivedV1ToV2, wireReportUpcasters } from './upcasters/wire-report-received';

describe('upcaster registry', () => {
  const registry = createUpcasterRegistry([
    { type: 'Priced', fromVersion: 1, upcast: (data) => ({ ...(data as object), currency: 'EUR' }) },
    { type: 'Priced', fromVersion: 2, upcast: (data) => ({ ...(data as { amount: number }), amount: (data as { amount: number }).amount * 100 }) },
  ]);

  it('knows the current version of each type: one past its newest upcaster, else 1', () => {
    expect(registry.currentVersion('Priced')).toBe(3);
    expect(registry.currentVersion('Unknown')).toBe(1);
  });

  it('lifts old payloads one version at a time to the current one', () => {
    expect(registry.upcast('Priced', 1, { amount: 2 }, {})).toEqual({ data: { amount: 200, currency: 'EUR' }, schemaVersion: 3 });
    expect(registry.upcast('Priced', 2, { amount: 2, currency: 'USD' }, {})).toEqual({ data: { amount: 200, currency: 'USD' }, schemaVersion: 3 });
  });

  it('leaves current payloads and unknown types alone', () => {
    const data = { amount: 5 };
    expect(registry.upcast('Priced', 3, data, {}).data).toBe(data);
    expect(registry.upcast('Other', 1, data, {})).toEqual({ data, schemaVersion: 1 });
  });

  it('names the type and version when an upcaster fails', () => {
    const failing = createUpcasterRegistry([{ type: 'Broken', fromVersion: 1, upcast: () => { throw new Error('no field'); } }]);
    expect(() => failing.upcast('Broken', 1, {}, {})).toThrow(UpcastError);
    expect(() => failing.upcast('Broken', 1, {}, {})).toThrow('Cannot upcast Broken v1: no field');
  });

  it('refuses two upcasters for the same step', () => {
    const step = { type: 'T', fromVersion: 1, upcast: (data: unknown) => data };
    expect(() => createUpcasterRegistry([step, step])).toThrow(/Two upcasters/);
  });
});

describe('WireReportReceived v1 → v2', () => {
  const report = aWireReport();

  it('names the Kafka coordinates v1 kept only in the metadata', () => {
    const kafka = { topic: 'wire-reports.v1', partition: 4, offset: '1207' };
    expect(wireReportReceivedV1ToV2.upcast({ report }, { correlationId: 'x', kafka })).toEqual({ report, receivedVia: kafka });
  });

  it('says null for reports that did not come through Kafka', () => {
    expect(wireReportReceivedV1ToV2.upcast({ report }, {})).toEqual({ report, receivedVia: null });
  });

  it('makes v2 the version writers produce', () => {
    expect(createUpcasterRegistry(wireReportUpcasters).currentVersion('WireReportReceived')).toBe(2);
  });
});
