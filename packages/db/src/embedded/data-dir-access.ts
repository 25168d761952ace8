import { execFile } from 'node:child_process';
import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError } from './embedded-postgres-error.ts';

const execFileAsync = promisify(execFile);

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

async function uidOf(user: string): Promise<number | undefined> {
  try {
    const { stdout } = await execFileAsync('id', ['-u', user]);
    return Number.parseInt(stdout, 10);
  } catch {
    return undefined; // embedded-postgres creates the user (createPostgresUser)
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, which must be able to
 * reach the cluster directory. Our own data directory gets o+x (traverse, not list: the credentials
 * file in it stays 0600); an unreachable ancestor such as /root is reported rather than loosened.
 */
export async function ensureReachableByPostgres(dataDir: string): Promise<void> {
  if (!isRoot()) return;
  const uid = await uidOf('postgres');
  const mode = (await stat(dataDir)).mode;
  if ((mode & 0o001) === 0) await chmod(dataDir, (mode & 0o777) | 0o001);
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const info = await stat(dir);
    if ((info.mode & 0o001) === 0 && info.uid !== uid) {
      throw new EmbeddedPostgresError(
        'data_dir_unreachable',
        `the postgres system user cannot reach ${dataDir}: ${dir} is not searchable by others ` +
          `(mode ${(info.mode & 0o777).toString(8)}); choose a data directory elsewhere or run chmod o+x ${dir}`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}
