import { describe, expect, it } from 'vitest';
import { csvCell } from './export-csv.ts';
import { decodeCursor, encodeCursor } from './list-cursor.ts';

describe('CSV cells', () => {
  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain@acme.test')).toBe('plain@acme.test');
    expect(csvCell('550 5.1.1, user unknown')).toBe('"550 5.1.1, user unknown"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@sum')).toBe("'@sum");
  });
});

describe('list cursor', () => {
  it('round-trips and refuses anything it did not produce', () => {
    const cursor = { lastChange: '2026-06-15 12:00:00.000', address: 'a@b.test' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of [
      'nope',
      Buffer.from('["x","y"]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow('cursor is not a cursor this list returned');
    }
  });
});
