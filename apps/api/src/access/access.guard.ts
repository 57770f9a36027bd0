import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiError } from '../http/api-error';
import { decideAccess } from './access-policy';
import { ApiKeyRing, bearerToken } from './api-key-ring';
import { REQUIRED_ROLE } from './requires-role.decorator';
import type { Role } from './roles';

export const requestPath = (request: Request): string => (request.originalUrl ?? request.url).split('?')[0];

/** The global guard of SPEC §5. Keys are compared by ApiKeyRing and never logged or echoed. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyRing) private readonly keys: ApiKeyRing,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const path = requestPath(request);
    const declared = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    const token = bearerToken(request.headers.authorization);
    const decision = decideAccess({
      path,
      required: declared,
      keysConfigured: !this.keys.isOpen,
      presented: token !== null,
      holder: token === null ? null : this.keys.identify(token),
    });
    if (decision.allowed) return true;
    if (decision.code === 'unauthorized') {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="wirewatch"');
    }
    throw new ApiError(decision.code, decision.detail);
  }
}
