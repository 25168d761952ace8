export type DomainErrorCode =
  | 'not_found'
  | 'conflict'
  | 'invalid'
  /** No (valid) session or API key. */
  | 'unauthenticated'
  /** Authenticated, but the role lacks the permission. */
  | 'forbidden'
  /** The organization enforces MFA, the member's grace period is over and they have none (403). */
  | 'mfa_required'
  /** The organization's plan does not allow it, e.g. inviting on the single-seat Free plan (403). */
  | 'plan_limit'
  /** An invitation or ownership transfer whose window has passed (410). */
  | 'expired';

/**
 * An expected failure with a stable code; transports map codes to statuses
 * (`not_found` -> 404, `conflict` -> 409, `invalid` -> 400, `unauthenticated` -> 401, `forbidden` -> 403)
 * and show the message.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
