// Benchmark child: embedded Postgres + the ingest service on embedded chDB, production settings (fsync on),
// on 127.0.0.1 and a free port. Prints `READY <json>`; stdin commands: `count` -> `COUNT <rows in
// ClickHouse>`; stdin closed -> graceful stop (drain the spool, stop Postgres), exit 0.
import path from 'node:path';
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
  await addIdentity(db, { organizationId: organization.id, kind: value.includes('@') ? 'email' : 'domain', value });
}

const store = createAnalyticsStore({ database: config.clickhouse.database, dataDir });
await migrateAnalytics(store);
const service = await createIngestService({
  settings: config.ingest,
  spoolDir: path.join(dataDir, 'spool'),
  controlPlane: postgresControlPlane(db),
  store,
  logger: pino({ level: 'warn', base: { service: 'ingest' } }, pino.destination(2)),
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
commands.on('line', (line) => {
  if (line.trim() === 'count') {
    countEvents(store, organization.id).then(
      (rows) => process.stdout.write(`COUNT ${rows}\n`),
      (error: Error) => process.stdout.write(`COUNT error: ${error.message}\n`),
    );
  }
});
commands.on('close', () => void shutdown());

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
