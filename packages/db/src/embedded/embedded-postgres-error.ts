export type EmbeddedPostgresErrorCode =
  | 'port_in_use'
  | 'credentials_missing'
  | 'data_dir_unreachable'
  | 'start_failed';

/** Why the embedded PostgreSQL could not start, with a message that says what to do about it. */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
  readonly code: EmbeddedPostgresErrorCode;

  constructor(code: EmbeddedPostgresErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
