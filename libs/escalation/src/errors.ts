/** Why a domain computation refused its input; the HTTP edge maps each code to a problem+json status. */
export type EscalationErrorCode = 'INVALID_DATE' | 'INVALID_INSTANT' | 'INVALID_EVALUATION_TIME' | 'INVALID_DYAD';

export class EscalationError extends Error {
  constructor(
    readonly code: EscalationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EscalationError';
  }
}
