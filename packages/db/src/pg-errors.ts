import { DomainError, type DomainErrorCode } from './errors.ts';

// https://www.postgresql.org/docs/current/errcodes-appendix.html
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
}

export type ConstraintMessages = Readonly<Record<string, readonly [DomainErrorCode, string]>>;

function pgErrorCode(error: unknown): string | undefined {
  const code = (error as PgErrorFields | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns constraint violations into DomainErrors: named constraints get the caller's message, other
 * unique/check violations a generic one. Anything else (connection loss, bugs) passes through.
 */
export function toDomainError(error: unknown, messages: ConstraintMessages): unknown {
  const code = pgErrorCode(error);
  const constraint = (error as PgErrorFields | null)?.constraint;
  const known = typeof constraint === 'string' ? messages[constraint] : undefined;
  if (known && (code === UNIQUE_VIOLATION || code === FOREIGN_KEY_VIOLATION || code === CHECK_VIOLATION)) {
    return new DomainError(known[0], known[1], { cause: error });
  }
  if (code === UNIQUE_VIOLATION) return new DomainError('conflict', 'already exists', { cause: error });
  if (code === CHECK_VIOLATION) {
    return new DomainError('invalid', `invalid value (${String(constraint)})`, { cause: error });
  }
  return error;
}

/** Runs a write and rethrows constraint violations as DomainErrors. */
export async function withConstraintMessages<T>(
  messages: ConstraintMessages,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw toDomainError(error, messages);
  }
}
