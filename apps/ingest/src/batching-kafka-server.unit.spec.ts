import { Controller, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { KafkaJSProtocolError, type EachBatchPayload } from 'kafkajs';
import { BatchingKafkaServer, type KafkaBatch } from './batching-kafka-server';

const TOPIC = 'wire-reports.batching-server-spec';
const rebalancing = () =>
  new KafkaJSProtocolError(Object.assign(new Error('The group is rebalancing, so a rejoin is needed'), { type: 'REBALANCE_IN_PROGRESS', code: 27, retriable: false }));

@Controller()
class HeartbeatingHandler {
  static swallow = false;

  @EventPattern(TOPIC)
  async onBatch(@Payload() { payload }: KafkaBatch): Promise<void> {
    if (HeartbeatingHandler.swallow) await payload.heartbeat().catch(() => undefined);
    else await payload.heartbeat();
  }
}

@Module({ controllers: [HeartbeatingHandler] })
class HandlerModule {}

// The handler runs behind Nest's real exception layer, which turns what it throws into a plain object.
describe('BatchingKafkaServer', () => {
  let server: BatchingKafkaServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    server = new BatchingKafkaServer({ client: { brokers: ['127.0.0.1:1'] } }, 'dead-letters');
    const moduleRef = await Test.createTestingModule({ imports: [HandlerModule] }).compile();
    const app = moduleRef.createNestMicroservice({ strategy: server, logger: false });
    await app.init();
    close = () => app.close();
  });
  afterAll(() => close());

  const handleBatch = (heartbeat: () => Promise<void>) =>
    (server as unknown as { handleBatch(payload: EachBatchPayload): Promise<void> }).handleBatch({
      batch: { topic: TOPIC, partition: 0, messages: [] },
      heartbeat,
    } as unknown as EachBatchPayload);

  it.each([
    ['throws it on', false],
    ['swallows it', true],
  ])('hands kafkajs the rebalance a heartbeat reported, as it was, when the handler %s', async (_how, swallow) => {
    HeartbeatingHandler.swallow = swallow;
    const error = rebalancing();
    await expect(handleBatch(() => Promise.reject(error))).rejects.toBe(error);
  });

  it('completes a batch whose heartbeats succeed', async () => {
    HeartbeatingHandler.swallow = false;
    await expect(handleBatch(() => Promise.resolve())).resolves.toBeUndefined();
  });
});
