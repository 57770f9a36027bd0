import type { Admin } from 'kafkajs';

export interface PartitionLag {
  partition: number;
  lag: number;
}

/** The ingest group's lag per partition: the log end offset minus the group's committed offset (or the log start). */
export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<PartitionLag[]> {
  const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  const byPartition = new Map((committed.find((entry) => entry.topic === topic)?.partitions ?? []).map((entry) => [entry.partition, Number(entry.offset)]));
  return ends
    .map((end) => {
      const high = Number(end.high);
      const low = Number(end.low);
      const offset = byPartition.get(end.partition) ?? -1;
      return { partition: end.partition, lag: Math.max(0, high - (offset >= 0 ? offset : low)) };
    })
    .sort((a, b) => a.partition - b.partition);
}
