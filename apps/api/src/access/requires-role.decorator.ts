import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './roles';

export const REQUIRED_ROLE = 'wirewatch:required-role';

/** Declares the least role a route needs (SPEC §5). In key mode, `/api` routes without one are refused. */
export function RequiresRole(role: Role): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_ROLE, role),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'no key, or a key that is not configured' }),
    ApiForbiddenResponse({ description: `the key's role is below ${role}` }),
    ApiTooManyRequestsResponse({ description: 'rate limit of the key reached' }),
  );
}
