// An ingest process on embedded chDB, for the crash-safety test: `READY <url>` on stdout once listening.
import path from 'node:path';
import { createAnalyticsStore, migrateAnalytics } from '@sendops/analytics';
import { loadConfig } from '@sendops/config';
import { createDatabase } from '@sendops/db';
import { pino } from 'pino';
import { createIngestService } from '../../src/ingest-service.ts';
import { postgresControlPlane } from '../../src/pipeline/control-plane.ts';

const dataDir = process.env.CHILD_DATA_DIR!;
const db = createDatabase(process.env.CHILD_DATABASE_URL!, { poolMax: 4 });
const store = createAnalyticsStore({ database: 'sendops', dataDir });
await migrateAnalytics(store);
const service = await createIngestService({
  settings: { ...loadConfig({}).ingest, batchMaxAgeMs: 100, batchMaxRows: 500 },
  spoolDir: path.join(dataDir, 'spool'),
  controlPlane: postgresControlPlane(db),
  store,
  logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
});
const url = await service.listen(0, '127.0.0.1');
process.stdout.write(`READY ${url}\n`);
process.once('SIGTERM', async () => {
  await service.stop({ drainTimeoutMs: 30_000 });
  await store.client.close();
  await db.destroy();
  process.exit(0);
});
