/**
 * Errors with a stable code. The HTTP layer maps codes to statuses chosen for EventBridge's retry rules:
 * it retries 401, 407, 409, 429 and 5xx and drops every other 4xx.
 */
export type IngestErrorCode =
  | 'missing_api_key'
  | 'invalid_api_key'
  | 'invalid_json'
  | 'not_eventbridge'
  | 'not_ses'
  | 'schema'
  | 'unsupported_media_type'
  | 'body_too_large'
  | 'store_unavailable'
  | 'buffer_full'
  | 'shutting_down';

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly statusCode: number;
  /** Seconds, for retryable answers. */
  readonly retryAfter: number | undefined;

  constructor(code: IngestErrorCode, statusCode: number, message: string, retryAfter?: number) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
    this.statusCode = statusCode;
    this.retryAfter = retryAfter;
  }
}

// EventBridge gives up on a request after 5 s; a short Retry-After lets it come back soon.
export const RETRY_AFTER_SECONDS = 2;

export const storeUnavailable = (what: string) =>
  new IngestError('store_unavailable', 503, `${what} is unavailable, retry later`, RETRY_AFTER_SECONDS);
export const bufferFull = () =>
  new IngestError('buffer_full', 503, 'ingest buffer is full, retry later', RETRY_AFTER_SECONDS);
export const shuttingDown = () =>
  new IngestError('shutting_down', 503, 'ingest is shutting down, retry later', RETRY_AFTER_SECONDS);
