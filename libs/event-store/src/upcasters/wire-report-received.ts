import type { WireReport } from '@app/contracts';
import type { KafkaOrigin } from '../types';
import type { Upcaster } from '../upcasting';

/** WireReportReceived as first stored: the report alone; where it came from sat only in the metadata. */
export interface WireReportReceivedV1Data {
  report: WireReport;
}

/**
 * v2 names the Kafka coordinates in the payload, so replays and audits need not dig in the metadata;
 * null for reports that did not come through Kafka (the CLI, tests).
 */
export interface WireReportReceivedV2Data {
  report: WireReport;
  receivedVia: KafkaOrigin | null;
}

export const wireReportReceivedV1ToV2: Upcaster = {
  type: 'WireReportReceived',
  fromVersion: 1,
  upcast(data, metadata): WireReportReceivedV2Data {
    const v1 = data as WireReportReceivedV1Data;
    const kafka = metadata.kafka;
    return {
      report: v1.report,
      receivedVia: kafka ? { topic: kafka.topic, partition: kafka.partition, offset: kafka.offset } : null,
    };
  },
};

export const wireReportUpcasters: readonly Upcaster[] = [wireReportReceivedV1ToV2];
