import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiQuery } from '@nestjs/swagger';

/** The two clocks every read-model route takes (SPEC §4). */
export const ApiClockQueries = () =>
  applyDecorators(
    ApiQuery({ name: 'asOf', required: false, description: 'valid time: a date or an instant with offset (default now)' }),
    ApiQuery({ name: 'knownAt', required: false, description: 'record time: only what the store had recorded by then (default now)' }),
    ApiBadRequestResponse({ description: 'a parameter is malformed; problem+json names it in invalid-params' }),
  );
