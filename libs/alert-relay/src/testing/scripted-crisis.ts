import type { Pool } from 'pg';
import type { KafkaMessage } from 'kafkajs';
import { reportStreamId, type ReportCoded } from '@app/contracts';
import { PostgresEventStore } from '@app/event-store';
import { aCodedEvent, type CodedEventOverrides } from '@app/escalation';

/** A date `daysAgo` days before today (UTC): read models evaluate "now", so the crisis must be recent. */
export const daysAgo = (days: number, now = new Date()): string => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

export interface ScriptedReport {
  reportId: string;
  events: CodedEventOverrides[];
}

/**
 * SPEC's example as a script, one report per step: THREAT PAK→IRN (0→2), STRIKE IRN→PAK (2→3), STRIKE PAK→IRN
 * (3→4), CHN offers to mediate (OFFERED), IRN accepts (PARTIALLY_ACCEPTED), PAK accepts (ACCEPTED).
 */
export function scriptedCrisis(prefix: string, now = new Date()): ScriptedReport[] {
  return [
    { reportId: `${prefix}-threat`, events: [{ category: 'THREAT', source: 'PAK', target: 'IRN', occurredOn: daysAgo(5, now) }] },
    { reportId: `${prefix}-strike-1`, events: [{ category: 'STRIKE', source: 'IRN', target: 'PAK', occurredOn: daysAgo(4, now) }] },
    { reportId: `${prefix}-strike-2`, events: [{ category: 'STRIKE', source: 'PAK', target: 'IRN', occurredOn: daysAgo(3, now) }] },
    { reportId: `${prefix}-offer`, events: [{ category: 'MEDIATION_OFFER', source: 'CHN', parties: ['IRN', 'PAK'], occurredOn: daysAgo(2, now), conditions: ['if both sides so wish'] }] },
    { reportId: `${prefix}-irn-accepts`, events: [{ category: 'MEDIATION_ACCEPTED', source: 'IRN', target: 'CHN', occurredOn: daysAgo(1, now) }] },
    { reportId: `${prefix}-pak-accepts`, events: [{ category: 'MEDIATION_ACCEPTED', source: 'PAK', target: 'CHN', occurredOn: daysAgo(0, now) }] },
  ];
}

/** The alerts the script must produce, per key, in order. */
export const EXPECTED_ESCALATIONS = [
  { fromLevel: 0, toLevel: 2 },
  { fromLevel: 2, toLevel: 3 },
  { fromLevel: 3, toLevel: 4 },
];
export const EXPECTED_MEDIATIONS = [
  { status: 'OFFERED', previousStatus: null },
  { status: 'PARTIALLY_ACCEPTED', previousStatus: 'OFFERED' },
  { status: 'ACCEPTED', previousStatus: 'PARTIALLY_ACCEPTED' },
];

export function aReportCoded(report: ScriptedReport): ReportCoded {
  return {
    type: 'ReportCoded',
    data: {
      reportId: report.reportId,
      coderVersion: 'scripted',
      events: report.events.map((event, index) => aCodedEvent({ eventId: `${report.reportId}#${index}`, ...event, reportId: report.reportId })),
    },
  };
}

/** Records codings straight into the event store (the coder is not under test here), one transaction each. */
export async function recordCodings(pool: Pool, reports: readonly ScriptedReport[]): Promise<void> {
  const store = new PostgresEventStore(pool);
  for (const report of reports) {
    await store.append(reportStreamId(report.reportId), 'any', [aReportCoded(report)]);
  }
  await store.notifier.drain();
}

export interface ReceivedAlert {
  topic: string;
  key: string;
  alertId: string;
  payload: Record<string, any>;
}

export function decodeAlert(topic: string, message: KafkaMessage): ReceivedAlert {
  const payload = JSON.parse(message.value?.toString('utf8') ?? 'null') as Record<string, any>;
  return { topic, key: message.key?.toString('utf8') ?? '', alertId: payload.alertId, payload };
}

/** Keeps the first copy of each alertId, in arrival order (what a consumer that dedupes by alertId sees). */
export function dedupe(alerts: readonly ReceivedAlert[]): ReceivedAlert[] {
  const seen = new Set<string>();
  return alerts.filter((alert) => (seen.has(alert.alertId) ? false : (seen.add(alert.alertId), true)));
}
