import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const SHUTDOWN_TIMEOUT_MS = 30_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function commandLine(pid: number): Promise<string[]> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  } catch {
    // No procfs (macOS): ask ps.
    const { stdout } = await execFileAsync('ps', ['-o', 'command=', '-p', String(pid)]).catch(() => ({
      stdout: '',
    }));
    return stdout.trim().split(/\s+/);
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

/**
 * Clears the way after a crash. PostgreSQL refuses to start while postmaster.pid names a live process,
 * and after a reboot or container restart that pid often belongs to something unrelated. A dead or
 * unrelated pid: remove the file. A postmaster still serving this very directory (its parent died
 * without stopping it): shut it down cleanly so this process can own the cluster.
 */
export async function recoverStalePostmaster(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let contents: string;
  try {
    contents = await readFile(pidFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const pid = Number.parseInt(contents.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const [program = '', ...args] = await commandLine(pid);
    if (path.basename(program) === 'postgres' && args.includes(clusterDir)) {
      log(`stopping a PostgreSQL (pid ${pid}) left running on ${clusterDir}`);
      process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
      if (!(await waitForExit(pid, SHUTDOWN_TIMEOUT_MS))) {
        throw new Error(
          `PostgreSQL pid ${pid} on ${clusterDir} did not stop within ${SHUTDOWN_TIMEOUT_MS} ms`,
        );
      }
      await rm(pidFile, { force: true });
      return;
    }
  }
  log(
    `removing stale postmaster.pid (pid ${Number.isNaN(pid) ? '?' : pid} is not a PostgreSQL of this cluster)`,
  );
  await rm(pidFile, { force: true });
}
