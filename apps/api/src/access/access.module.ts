import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { WIREWATCH_ENV, type Environment } from '@app/config';
import { isProtectedPath } from './access-policy';
import { AccessGuard, requestPath } from './access.guard';
import { ApiKeyRing, bearerToken } from './api-key-ring';

/** Requests per key (or per address, for requests without a valid key) in each window. */
export const RATE_LIMIT = { limit: 600, ttlMs: 60_000 } as const;

@Module({
  providers: [{ provide: ApiKeyRing, inject: [WIREWATCH_ENV], useFactory: (env: Environment) => new ApiKeyRing(env.WIREWATCH_API_KEYS) }],
  exports: [ApiKeyRing],
})
export class ApiKeysModule {}

/** Which bucket a request counts against: its key's fingerprint, else its address. */
export function rateLimitTracker(keys: ApiKeyRing, request: Request): string {
  const token = bearerToken(request.headers.authorization);
  const holder = token === null ? null : keys.identify(token);
  return holder ? `key:${holder.fingerprint}` : `ip:${request.ip ?? 'unknown'}`;
}

/**
 * SPEC §5 access control: API keys with roles, checked by a global guard, and rate limits per key on `/api`.
 * The throttler runs first so that guessing keys is limited too.
 */
@Module({
  imports: [
    ApiKeysModule,
    ThrottlerModule.forRootAsync({
      imports: [ApiKeysModule],
      inject: [ApiKeyRing],
      useFactory: (keys: ApiKeyRing) => ({
        throttlers: [{ name: 'per-key', limit: RATE_LIMIT.limit, ttl: RATE_LIMIT.ttlMs }],
        skipIf: (context) => !isProtectedPath(requestPath(context.switchToHttp().getRequest<Request>())),
        getTracker: (request) => rateLimitTracker(keys, request as Request),
      }),
    }),
  ],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [ApiKeysModule],
})
export class AccessModule {}
