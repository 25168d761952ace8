// Benchmark child: embedded Postgres + the ingest service on embedded chDB, production settings (fsync on),
// on 127.0.0.1 and a free port. Prints `READY <json>`; stdin commands: `count` -> `COUNT <rows in
// ClickHouse>`, `heap` -> `HEAP <json>` (after a full GC), `loop` -> `LOOP <json>` (event-loop delay since
// the last `loop`), `profile start` -> `PROFILE started` and `profile stop <file>` -> `PROFILE <file>`
// (a V8 CPU profile of the main thread over just that window); stdin closed -> graceful stop (drain the
// spool, stop Postgres), exit 0.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { countEvents, createAnalyticsStore, migrateAnalytics } from '@sendops/analytics';
import { loadConfig } from '@sendops/config';
import {
  addChannel,
  addIdentity,
  CHANNEL_PURPOSES,
  type ChannelPurpose,
  createDatabase,
  createOrganization,
  findFreePort,
  migrateToLatest,
  startEmbeddedPostgres,
} from '@sendops/db';
import { pino } from 'pino';
import { createIngestService, postgresControlPlane } from '../src/index.ts';
import type { BenchOrganization } from './payloads.ts';

const dataDir = process.env.BENCH_DATA_DIR;
const orgSpec = process.env.BENCH_ORGANIZATION;
if (!dataDir || !orgSpec) throw new Error('BENCH_DATA_DIR and BENCH_ORGANIZATION are required');
const spec = JSON.parse(orgSpec) as BenchOrganization;
const recentPostgresLog: string[] = [];

const config = loadConfig({}); // defaults = production settings (no SENDOPS_* of the caller leaks in)
const postgres = await startEmbeddedPostgres({
  dataDir: path.join(dataDir, 'pg'),
  port: await findFreePort(),
  log: (line) => {
    recentPostgresLog.push(line);
    if (recentPostgresLog.length > 20) recentPostgresLog.shift();
  },
});
const db = createDatabase(postgres.url, { poolMax: config.postgres.poolMax });
await migrateToLatest(db);
const { organization, ingestApiKey } = await createOrganization(db, { name: 'Ingest benchmark' });
for (const channel of spec.channels) {
  const purpose = (CHANNEL_PURPOSES as readonly string[]).includes(channel.purpose)
    ? (channel.purpose as ChannelPurpose)
    : 'custom';
  await addChannel(db, { organizationId: organization.id, ...channel, purpose });
}
for (const value of spec.identities) {
  await addIdentity(db, {
    organizationId: organization.id,
    kind: value.includes('@') ? 'email' : 'domain',
    value,
  });
}

const store = createAnalyticsStore({ database: config.clickhouse.database, dataDir });
await migrateAnalytics(store);
const service = await createIngestService({
  settings: config.ingest,
  spoolDir: path.join(dataDir, 'spool'),
  controlPlane: postgresControlPlane(db),
  store,
  logger: pino({ level: 'warn', base: { service: 'ingest' } }, pino.destination(2)),
  // Experiments only: the benchmark measures the production default unless this is set.
  ...(process.env.BENCH_COMMIT_INTERVAL_MS
    ? { spoolCommitIntervalMs: Number(process.env.BENCH_COMMIT_INTERVAL_MS) }
    : {}),
});
const url = await service.listen(0, '127.0.0.1');

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await service.stop({ drainTimeoutMs: 5_000 }).catch(() => {});
  await store.client.close().catch(() => {});
  await db.destroy().catch(() => {});
  await postgres.stop().catch(() => {});
  process.exit(0);
}

const commands = createInterface({ input: process.stdin });
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
// How long requests can wait for this process's event loop (e.g. behind the loader's synchronous work).
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
let profiler: Session | undefined;
commands.on('line', (line) => {
  const [command, action = '', file] = line.trim().split(/\s+/);
  if (command === 'profile') void profileCommand(action, file);
  if (line.trim() === 'loop') {
    const delay = {
      p50: ms(loopDelay.percentile(50)),
      p99: ms(loopDelay.percentile(99)),
      max: ms(loopDelay.max),
    };
    loopDelay.reset();
    process.stdout.write(`LOOP ${JSON.stringify(delay)}\n`);
  }
  if (line.trim() === 'heap') {
    // Retained memory: a full GC first (the child runs with --expose-gc), so garbage does not count.
    globalThis.gc?.();
    const m = process.memoryUsage();
    const heap = {
      heapUsedMb: mb(m.heapUsed),
      rssMb: mb(m.rss),
      externalMb: mb(m.external),
      gc: !!globalThis.gc,
    };
    process.stdout.write(`HEAP ${JSON.stringify(heap)}\n`);
  }
  if (line.trim() === 'count') {
    countEvents(store, organization.id).then(
      (rows) => process.stdout.write(`COUNT ${rows}\n`),
      (error: Error) => process.stdout.write(`COUNT error: ${error.message}\n`),
    );
  }
});
commands.on('close', () => void shutdown());

/** Samples the main thread only between `profile start` and `profile stop <file>` (the load window). */
async function profileCommand(action: string, file: string | undefined): Promise<void> {
  try {
    if (action === 'start') {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 1000 });
      await profiler.post('Profiler.start');
      process.stdout.write('PROFILE started\n');
    } else if (action === 'stop' && profiler && file) {
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      profiler = undefined;
      writeFileSync(file, JSON.stringify(profile));
      process.stdout.write(`PROFILE ${file}\n`);
    }
  } catch (error) {
    process.stdout.write(`PROFILE error: ${(error as Error).message}\n`);
  }
}
// Ctrl-C reaches the whole process group: stop in order (spool, ClickHouse, Postgres) rather than die.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown());

process.stdout.write(
  `READY ${JSON.stringify({
    url,
    apiKey: ingestApiKey,
    organizationId: organization.id,
    pid: process.pid,
    clusterDir: path.join(dataDir, 'pg', 'postgres'),
    settings: config.ingest,
    postgresPoolMax: config.postgres.poolMax,
  })}\n`,
);
