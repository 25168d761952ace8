/**
 * Bulk-load throughput on embedded chDB: `node packages/simulator/bench/bulk-load-bench.ts [events] [full|compact] [batchRows]`.
 * Loads into a fresh temporary data directory and prints rows/s.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countEvents, createAnalyticsStore, migrateAnalytics } from '@sendops/analytics';
import { type BulkOrganization, bulkLoad, type RawMode } from '../src/index.ts';

const events = Number(process.argv[2] ?? 200_000);
const raw = (process.argv[3] ?? 'full') as RawMode;
const batchRows = Number(process.argv[4] ?? 20_000);
const dir = mkdtempSync(path.join(tmpdir(), 'sendops-bulk-bench-'));
try {
  const store = createAnalyticsStore({ database: 'bench', dataDir: dir });
  await migrateAnalytics(store);
  const organizations: BulkOrganization[] = Array.from({ length: 20 }, (_, i) => ({
    organizationId: randomUUID(),
    domains: [`tenant${i}.example`, `mail.tenant${i}.example`],
    channelIdsByConfigSet: {
      'sesmail-default': randomUUID(),
      'sesmail-transactional': randomUUID(),
      'sesmail-marketing': randomUUID(),
      'sesmail-onboarding': randomUUID(),
    },
  }));
  const to = new Date(Date.UTC(2026, 10, 1));
  const from = new Date(to.getTime() - 60 * 86_400_000);
  let last = 0;
  const result = await bulkLoad({
    store,
    organizations,
    events,
    from,
    to,
    seed: 42,
    raw,
    batchRows,
    onProgress: (p) => {
      if (p.elapsedMs - last > 5000) {
        last = p.elapsedMs;
        console.log(`${p.rows} rows, ${Math.round(p.rowsPerSecond)} rows/s`);
      }
    },
  });
  const stored = (await Promise.all(organizations.map((o) => countEvents(store, o.organizationId)))).reduce(
    (a, b) => a + b,
    0,
  );
  console.log(
    JSON.stringify({
      raw,
      batchRows,
      events: result.events,
      rows: result.rows,
      stored,
      seconds: +(result.elapsedMs / 1000).toFixed(1),
      rowsPerSecond: Math.round(result.rowsPerSecond),
      insertWaitSeconds: +(result.insertWaitMs / 1000).toFixed(1),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
