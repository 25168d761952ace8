import { DomainError } from '@sendops/db';

/** Addresses are compared lower-cased, as the ingest stores recipients. */
export function normalizeAddress(input: string): string {
  const address = input.trim().toLowerCase();
  if (address.length < 3 || address.length > 320 || !/^[^\s@]+@[^\s@]+$/.test(address)) {
    throw new DomainError('invalid', 'address must be an email address');
  }
  return address;
}

export function normalizeNote(input: string | null | undefined): string | null {
  const note = input?.trim() ?? '';
  if (note.length > 500) throw new DomainError('invalid', 'note must be at most 500 characters');
  return note === '' ? null : note;
}
