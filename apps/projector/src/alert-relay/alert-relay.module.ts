import { Module } from '@nestjs/common';
import { AlertRelayService } from './alert-relay.service';

/** Publishes the alert outbox to Kafka (SPEC §2 alert topics, §4 Alerts). Needs the config and database modules. */
@Module({ providers: [AlertRelayService] })
export class AlertRelayModule {}
