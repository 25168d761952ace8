import { DomainError } from '@sendops/db';

/** Keyset position in the list's order (last change descending, then address). */
export interface ListCursor {
  lastChange: string;
  address: string;
}

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastChange, cursor.address])).toString('base64url');
}

export function decodeCursor(value: string): ListCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/.test(parsed[0]) &&
      typeof parsed[1] === 'string'
    ) {
      return { lastChange: parsed[0], address: parsed[1] };
    }
  } catch {
    // fall through to the one error below
  }
  throw new DomainError('invalid', 'cursor is not a cursor this list returned');
}
