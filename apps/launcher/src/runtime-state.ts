import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `sendops start` owns the data directory (chDB allows one process per directory). It records where its
 * stores answer in runtime.json so other commands reach the running stores instead of opening a copy.
 */
export interface RuntimeState {
  pid: number;
  startedAt: string;
  postgresUrl: string;
  ingestUrl: string;
  embeddedClickhouse: boolean;
}

const runtimeFile = (dataDir: string) => path.join(dataDir, 'runtime.json');

export function readRunningState(dataDir: string): RuntimeState | undefined {
  const file = runtimeFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as RuntimeState;
    return isAlive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

export function writeRuntimeState(dataDir: string, state: RuntimeState): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(runtimeFile(dataDir), JSON.stringify(state, null, 2), { mode: 0o600 });
}

export function clearRuntimeState(dataDir: string): void {
  rmSync(runtimeFile(dataDir), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
