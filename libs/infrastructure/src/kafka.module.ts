import { Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { WIREWATCH_ENV, type Environment } from '@app/config';
import { createIdempotentProducer, createKafka, DeadLetterPublisher } from '@app/kafka';

export const KAFKA = Symbol('KAFKA');
export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');

@Injectable()
class KafkaLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
  ) {}

  async onModuleInit(): Promise<void> {
    await Promise.all([this.admin.connect(), this.producer.connect()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

/** A kafkajs client, admin and idempotent producer per process, connected at start and closed at shutdown. */
@Global()
@Module({
  providers: [
    { provide: KAFKA, inject: [WIREWATCH_ENV], useFactory: (env: Environment) => createKafka(env.KAFKA_BROKERS, env.KAFKA_CLIENT_ID) },
    { provide: KAFKA_ADMIN, inject: [KAFKA], useFactory: (kafka: Kafka) => kafka.admin() },
    { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => createIdempotentProducer(kafka) },
    {
      provide: DeadLetterPublisher,
      inject: [KAFKA_PRODUCER, WIREWATCH_ENV],
      useFactory: (producer: Producer, env: Environment) => new DeadLetterPublisher(producer, env.DEAD_LETTER_TOPIC),
    },
    KafkaLifecycle,
  ],
  exports: [KAFKA, KAFKA_ADMIN, KAFKA_PRODUCER, DeadLetterPublisher],
})
export class KafkaModule {}
