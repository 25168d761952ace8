import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box.ts';
import { decodeSecretKey, resolveSecretKey } from './secret-key.ts';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('round-trips and never repeats a ciphertext', () => {
    const a = sealSecret(key, 'JBSWY3DPEHPK3PXP', 'mfa_totp:u1');
    const b = sealSecret(key, 'JBSWY3DPEHPK3PXP', 'mfa_totp:u1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(key, a, 'mfa_totp:u1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another key, another context and tampered ciphertext', () => {
    const sealed = sealSecret(key, 'secret', 'mfa_totp:u1');
    expect(() => openSecret(randomBytes(32), sealed, 'mfa_totp:u1')).toThrow();
    expect(() => openSecret(key, sealed, 'mfa_totp:u2')).toThrow();
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[2]!, 'base64url');
    ciphertext[0]! ^= 1;
    parts[2] = ciphertext.toString('base64url');
    expect(() => openSecret(key, parts.join('.'), 'mfa_totp:u1')).toThrow();
    expect(() => openSecret(key, 'garbage', 'mfa_totp:u1')).toThrow('not a sealed secret');
  });
});

describe('resolveSecretKey', () => {
  it('decodes a configured key given as hex or base64', () => {
    const raw = randomBytes(32);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sendops-key-'));
    expect(resolveSecretKey({ secretKey: raw.toString('hex'), env: 'production', dataDir })).toEqual(raw);
    expect(resolveSecretKey({ secretKey: raw.toString('base64'), env: 'production', dataDir })).toEqual(raw);
    expect(() => decodeSecretKey('AAAA')).toThrow(/32 bytes/);
  });

  it('requires a configured key in production', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sendops-key-'));
    expect(() => resolveSecretKey({ secretKey: undefined, env: 'production', dataDir })).toThrow(
      /SENDOPS_SECRET_KEY is required/,
    );
  });

  it('in tests keeps one random key per process and writes nothing', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'sendops-key-')), 'unused');
    const first = resolveSecretKey({ secretKey: undefined, env: 'test', dataDir });
    expect(first).toHaveLength(32);
    expect(resolveSecretKey({ secretKey: undefined, env: 'test', dataDir })).toBe(first);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('in development creates one key in the data directory and keeps using it', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'sendops-key-')), 'nested');
    const first = resolveSecretKey({ secretKey: undefined, env: 'development', dataDir });
    const second = resolveSecretKey({ secretKey: undefined, env: 'development', dataDir });
    expect(first).toHaveLength(32);
    expect(second).toEqual(first);
    const file = path.join(dataDir, 'secret.key');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
