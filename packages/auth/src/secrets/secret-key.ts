import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_KEY_BYTES = 32;
export const SECRET_KEY_FILE = 'secret.key';

export interface SecretKeySource {
  /** SENDOPS_SECRET_KEY: 64 hex characters or base64 of 32 bytes. */
  secretKey: string | undefined;
  env: 'development' | 'production' | 'test';
  dataDir: string;
}

let testKey: Buffer | undefined;

/**
 * The key that encrypts secrets at rest. Production must configure it (a generated key would silently
 * differ between replicas and be lost with the container). Development creates a random key once in
 * `<data-dir>/secret.key`, so a restart keeps every enrolled authenticator working. Tests get one random
 * key per process and write nothing.
 */
export function resolveSecretKey(source: SecretKeySource): Buffer {
  if (source.secretKey !== undefined) return decodeSecretKey(source.secretKey);
  if (source.env === 'production') {
    throw new Error(
      'SENDOPS_SECRET_KEY is required in production (generate one with `openssl rand -hex 32`)',
    );
  }
  if (source.env === 'test') {
    testKey ??= randomBytes(SECRET_KEY_BYTES);
    return testKey;
  }
  const file = path.join(source.dataDir, SECRET_KEY_FILE);
  try {
    return decodeSecretKey(readFileSync(file, 'utf8').trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(source.dataDir, { recursive: true });
  const key = randomBytes(SECRET_KEY_BYTES).toString('hex');
  try {
    // `wx`: when two processes race to create it, the loser reads the winner's key.
    writeFileSync(file, `${key}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return decodeSecretKey(readFileSync(file, 'utf8').trim());
  }
  return Buffer.from(key, 'hex');
}

export function decodeSecretKey(encoded: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(encoded)
    ? Buffer.from(encoded, 'hex')
    : Buffer.from(encoded, 'base64');
  if (key.length !== SECRET_KEY_BYTES) {
    throw new Error(`the secret key must be ${SECRET_KEY_BYTES} bytes (64 hex characters or base64)`);
  }
  return key;
}
