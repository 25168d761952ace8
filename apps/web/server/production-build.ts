import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** What a build depends on: the app's sources and configuration. */
const INPUTS = ['src', 'public', 'next.config.ts', 'package.json', 'tsconfig.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Missing, or older than any source file: `next build` must run before `next start`. */
export function buildIsStale(dir: string): boolean {
  const buildId = path.join(dir, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return INPUTS.some((input) => newestMtime(path.join(dir, input)) > built);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One build at a time per checkout: two `sendops start` (or test runs) on the same tree wait for each
 * other instead of writing `.next` together. A lock left by a dead process is taken over.
 */
async function withBuildLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, '.next-build.lock');
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => '0'));
      const age = await stat(lock)
        .then((s) => Date.now() - s.mtimeMs)
        .catch(() => 0);
      // No pid yet and young: the owner is between mkdir and writeFile.
      if ((owner && !pidAlive(owner)) || (!owner && age > 10_000))
        await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Runs `next build` in a child process when the build is missing or stale; prints that it does. */
export async function ensureProductionBuild(dir: string, log: (message: string) => void): Promise<void> {
  if (!buildIsStale(dir)) return;
  await withBuildLock(dir, async () => {
    if (!buildIsStale(dir)) return; // another process built it while we waited
    log('building the dashboard (next build); this takes a minute the first time and after changes…');
    const nextBin = createRequire(path.join(dir, 'package.json')).resolve('next/dist/bin/next');
    let output = '';
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [nextBin, 'build'], {
        cwd: dir,
        env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-4000)}`);
    log('dashboard built');
  });
}
