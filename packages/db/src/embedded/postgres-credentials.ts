import { randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { EmbeddedPostgresError } from './embedded-postgres-error.ts';

export interface PostgresCredentials {
  user: string;
  password: string;
}

function isCredentials(value: unknown): value is PostgresCredentials {
  const candidate = value as Partial<PostgresCredentials> | null;
  return typeof candidate?.user === 'string' && typeof candidate.password === 'string';
}

async function readCredentials(file: string): Promise<PostgresCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isCredentials(parsed)) throw new Error(`${file} is not a valid credentials file`);
  // Someone may have copied the directory with a permissive umask; the password stays private.
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return parsed;
}

/**
 * The superuser credentials of the cluster, generated once and kept beside it so restarts reuse them.
 * A cluster without its credentials file cannot be logged into, so that is an error, not a new password.
 */
export async function loadOrCreateCredentials(
  file: string,
  clusterExists: boolean,
): Promise<PostgresCredentials> {
  const existing = await readCredentials(file);
  if (existing) return existing;
  if (clusterExists) {
    throw new EmbeddedPostgresError(
      'credentials_missing',
      `${file} is missing but the PostgreSQL cluster beside it exists; restore the file or remove the cluster directory to start over`,
    );
  }
  const created: PostgresCredentials = { user: 'postgres', password: randomBytes(24).toString('hex') };
  try {
    // 'wx' fails if another process created the file meanwhile; its password then wins.
    await writeFile(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return created;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = await readCredentials(file);
    if (!raced) throw error;
    return raced;
  }
}
