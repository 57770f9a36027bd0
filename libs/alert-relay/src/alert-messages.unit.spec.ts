import { toTopicMessages } from './kafka-alert-publisher';
import { correlationIdOf, type PendingAlert } from './outbox-store';
import { backoffMs } from './backoff';

const alert = (n: number, kind: PendingAlert['kind'], key: string): PendingAlert => ({
  alertId: `alert-${n}`,
  kind,
  key,
  sequence: BigInt(n),
  payload: kind === 'escalation' ? { alertId: `alert-${n}`, trigger: { reportId: `report-${n}` } } : { alertId: `alert-${n}`, reportId: `report-${n}` },
});

describe('alerts as Kafka messages', () => {
  it('go to the topic of their kind, keyed by dyad or offer, in outbox order, with alertId and correlation id headers', () => {
    const batch = [alert(1, 'escalation', 'IRN-PAK'), alert(2, 'mediation', 'CHN:IRN-PAK'), alert(3, 'escalation', 'IRN-PAK'), alert(4, 'escalation', 'AFG-PAK')];
    const topics = toTopicMessages(batch, { escalation: 'alerts.escalation.v1', mediation: 'alerts.mediation.v1' });
    expect(topics.map(({ topic, messages }) => [topic, messages.map((message) => message.key)])).toEqual([
      ['alerts.escalation.v1', ['IRN-PAK', 'IRN-PAK', 'AFG-PAK']],
      ['alerts.mediation.v1', ['CHN:IRN-PAK']],
    ]);
    expect(topics[0].messages[1]).toEqual({
      key: 'IRN-PAK',
      value: JSON.stringify(batch[2].payload),
      headers: { 'x-alert-id': 'alert-3', 'x-correlation-id': 'report-3' },
    });
  });

  it('take the report that caused them as correlation id', () => {
    expect(correlationIdOf(alert(1, 'escalation', 'IRN-PAK'))).toBe('report-1');
    expect(correlationIdOf(alert(2, 'mediation', 'CHN:IRN-PAK'))).toBe('report-2');
    expect(correlationIdOf({ kind: 'mediation', payload: {} })).toBeNull();
  });
});

describe('backoff', () => {
  it('doubles from the first delay up to the cap, with ±20 % jitter', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 30].map((failures) => backoffMs(failures, 250, 10_000, middle))).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffMs(1, 1000, 10_000, () => 0)).toBe(800);
    expect(backoffMs(1, 1000, 10_000, () => 0.999999)).toBe(1200);
  });
});
