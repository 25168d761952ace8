// Server child processes and everything the benchmark must undo, even on Ctrl-C or failure.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const tsxLoader = import.meta.resolve('tsx');

export interface ChildHandle {
  name: string;
  pid: number;
  /** The JSON the child printed after `READY `. */
  ready: Record<string, unknown>;
  /** Sends one command line and resolves with the payload of the first line starting with `replyPrefix `. */
  request(command: string, replyPrefix: string, timeoutMs: number): Promise<string>;
  isAlive(): boolean;
  /** Closes stdin (graceful stop), then SIGTERM, then SIGKILL. */
  stop(graceMs: number): Promise<void>;
  /** Last resort, synchronous (process 'exit'). */
  kill(): void;
}

export function startChild(
  name: string,
  script: string,
  options: { env?: Record<string, string>; execArgv?: string[]; readyTimeoutMs: number; stopGraceMs: number },
): Promise<ChildHandle> {
  const child = spawn(process.execPath, [...(options.execArgv ?? []), '--import', tsxLoader, script], {
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiters: { prefix: string; resolve: (payload: string) => void }[] = [];
  const lines = createInterface({ input: child.stdout! });
  child.stdin!.on('error', () => {}); // EPIPE once the child is gone
  const isAlive = () => child.exitCode === null && child.signalCode === null;

  const handle: Omit<ChildHandle, 'ready'> = {
    name,
    pid: child.pid!,
    isAlive,
    request(command, replyPrefix, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: no reply to "${command}"`)), timeoutMs);
        waiters.push({
          prefix: replyPrefix,
          resolve: (payload) => {
            clearTimeout(timer);
            resolve(payload);
          },
        });
        child.stdin!.write(`${command}\n`);
      });
    },
    async stop(graceMs) {
      if (!isAlive()) return;
      child.stdin!.end();
      if (await settles(exited, graceMs)) return;
      child.kill('SIGTERM');
      if (await settles(exited, 5_000)) return;
      child.kill('SIGKILL');
      await exited;
    },
    kill() {
      if (isAlive()) child.kill('SIGKILL');
    },
  };
  // Registered before READY: an interrupt during start-up must not leave the child behind.
  onCleanup(`stop ${name}`, () => handle.stop(options.stopGraceMs), handle.kill);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${options.readyTimeoutMs} ms`));
    }, options.readyTimeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited during start-up (${signal ?? `code ${code}`})`));
    });
    lines.on('line', (line) => {
      const space = line.indexOf(' ');
      const prefix = space < 0 ? line : line.slice(0, space);
      const payload = space < 0 ? '' : line.slice(space + 1);
      if (prefix === 'READY') {
        clearTimeout(timer);
        resolve({ ...handle, ready: JSON.parse(payload) as Record<string, unknown> });
        return;
      }
      const waiter = waiters.findIndex((w) => w.prefix === prefix);
      if (waiter >= 0) waiters.splice(waiter, 1)[0]!.resolve(payload);
      else process.stderr.write(`[${name}] ${line}\n`);
    });
  });
}

function settles(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postmaster left behind by an ingest child that died without stopping it: found by the pid file of
 * our own cluster directory, and only if that process really serves this directory.
 */
export async function stopOrphanPostgres(clusterDir: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(`${clusterDir}/postmaster.pid`, 'utf8').split('\n')[0]!, 10);
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || !isRunning(pid)) return false;
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(clusterDir)) return false;
  } catch {
    return false;
  }
  for (const [signal, waitMs] of [
    ['SIGINT', 10_000], // PostgreSQL fast shutdown
    ['SIGQUIT', 5_000], // immediate shutdown
    ['SIGKILL', 2_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return true;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && isRunning(pid)) await new Promise((r) => setTimeout(r, 100));
    if (!isRunning(pid)) return true;
  }
  return true;
}

type CleanupTask = { name: string; run: () => unknown; sync?: () => void };
const tasks: CleanupTask[] = [];
let cleaning: Promise<void> | undefined;

/** Registers an undo step; steps run in reverse order, once. `sync` is the fallback at process exit. */
export function onCleanup(name: string, run: () => unknown, sync?: () => void): void {
  tasks.push({ name, run, ...(sync ? { sync } : {}) });
}

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const task of [...tasks].reverse()) {
      try {
        await task.run();
      } catch (error) {
        console.error(`cleanup: ${task.name} failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

process.on('exit', () => {
  for (const task of [...tasks].reverse()) {
    try {
      task.sync?.();
    } catch {
      // best effort
    }
  }
});
