import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqualHex, generateIngestApiKey, hashApiKey } from './api-keys.ts';

describe('ingest API keys', () => {
  it('have a scanner-friendly prefix, 40 base62 characters and a visible prefix of 13', () => {
    const { key, prefix, hash } = generateIngestApiKey();
    expect(key).toMatch(/^sok_live_[0-9A-Za-z]{40}$/);
    expect(prefix).toBe(key.slice(0, 13));
    expect(prefix).toMatch(/^sok_live_[0-9A-Za-z]{4}$/);
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('are different every time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateIngestApiKey().key));
    expect(keys.size).toBe(200);
  });

  it('hash to lower-case sha256 hex', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('constantTimeEqualHex', () => {
  const hash = hashApiKey('x');
  it('compares digests', () => {
    expect(constantTimeEqualHex(hash, hash)).toBe(true);
    expect(constantTimeEqualHex(hash, hash.toUpperCase())).toBe(true);
    expect(constantTimeEqualHex(hash, hashApiKey('y'))).toBe(false);
  });
  it('treats malformed input as unequal instead of throwing', () => {
    expect(constantTimeEqualHex(hash, hash.slice(2))).toBe(false);
    expect(constantTimeEqualHex('zz', 'zz')).toBe(false);
    expect(constantTimeEqualHex('abc', 'abc')).toBe(false);
  });
});
