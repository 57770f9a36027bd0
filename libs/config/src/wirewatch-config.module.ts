import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Environment, validateEnvironment } from './environment';

/** The validated environment as an injectable value. */
export abstract class WirewatchConfig {
  static fromConfigService(config: ConfigService): Environment {
    return config.get<Environment>('wirewatch') as Environment;
  }
}

export const WIREWATCH_ENV = Symbol('WIREWATCH_ENV');

@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      ignoreEnvFile: true,
      isGlobal: true,
      validate: (raw) => ({ wirewatch: validateEnvironment(raw) }),
    }),
  ],
  providers: [
    {
      provide: WIREWATCH_ENV,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => WirewatchConfig.fromConfigService(config),
    },
  ],
  exports: [WIREWATCH_ENV],
})
export class WirewatchConfigModule {}
