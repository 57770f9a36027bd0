/** Every failure the API answers, by code; the problem-details filter maps codes to HTTP once. */
export type ApiErrorCode = 'invalid_parameter' | 'not_found' | 'unauthorized' | 'forbidden' | 'conflict' | 'unavailable';

export interface FieldProblem {
  name: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly detail: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(detail);
  }

  static invalid(fields: FieldProblem[]): ApiError {
    return new ApiError('invalid_parameter', fields.map((field) => `${field.name}: ${field.reason}`).join('; '), fields);
  }

  static notFound(detail: string): ApiError {
    return new ApiError('not_found', detail);
  }
}

export const STATUS_BY_CODE: Record<ApiErrorCode, { status: number; title: string }> = {
  invalid_parameter: { status: 400, title: 'Invalid parameters' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  unavailable: { status: 503, title: 'Service unavailable' },
};
