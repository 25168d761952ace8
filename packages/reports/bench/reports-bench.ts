/**
 * `npm run bench:reports [-- events runs]`: loads synthetic SES history (default 10M events, one
 * organization, 90 days) into embedded chDB with the simulator's bulk mode, then times every report
 * function of @sendops/reports on a 30-day range, with and without a channel filter: the median of
 * `runs` (default 5) after one warm-up. Also a deep page of the Messages list and recipient searches.
 * Prints a table against the targets (300 ms per report, 150 ms per Messages page).
 *
 * The loaded store is kept in REPORTS_BENCH_DIR (default `.sendops/bench-reports-<events>`) and reused
 * when it already holds the events (loading 10M takes ~8 minutes on an idle machine); delete it to reload.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  type AnalyticsStore,
  compactSettledPartitions,
  countEvents,
  createAnalyticsStore,
  migrateAnalytics,
} from '@sendops/analytics';
import { benchCounts, bulkLoad } from '@sendops/simulator';
import {
  deliverabilityReport,
  engagementReport,
  latencyReport,
  listEventLog,
  listMessages,
  listSuppressions,
  providerReport,
  type ReportFilter,
  sesCostReport,
} from '../src/index.ts';

const REPORT_TARGET_MS = 300;
const PAGE_TARGET_MS = 150;
const DEEP_PAGE = 20;
const { events, runs } = benchCounts(
  process.argv.slice(2),
  'Usage: npm run bench:reports -- [events (default 10000000)] [runs (default 5)]\n' +
    'REPORTS_BENCH_DIR: where the loaded store is kept (default .sendops/bench-reports-<events>)',
  { events: 10_000_000, runs: 5 },
);
// One directory per size: a store is reused only for the load it holds.
const dir = path.resolve(process.env.REPORTS_BENCH_DIR ?? `.sendops/bench-reports-${events}`);
// Fixed ids, so a kept store is recognised (and its channel ids are known) on the next run.
const organizationId = '7e9a1c20-0000-4000-8000-000000000010';
const channels = {
  'sesmail-default': '7e9a1c20-0000-4000-8000-0000000000c1',
  'sesmail-transactional': '7e9a1c20-0000-4000-8000-0000000000c2',
  'sesmail-marketing': '7e9a1c20-0000-4000-8000-0000000000c3',
};
const to = new Date(Date.UTC(2026, 10, 1));
const from = new Date(to.getTime() - 90 * 86_400_000);
const range: ReportFilter = {
  organizationId,
  from: new Date(to.getTime() - 30 * 86_400_000),
  to,
  timezone: 'Europe/Berlin',
};
const oneChannel: ReportFilter = { ...range, channelId: channels['sesmail-transactional'] };

interface Result {
  name: string;
  median: number;
  target: number;
  note: string;
}

async function measure(name: string, target: number, note: string, run: () => Promise<unknown>) {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { name, target, note, median: times[Math.floor(times.length / 2)] as number };
}

async function load(store: AnalyticsStore): Promise<void> {
  console.log(`loading ${events.toLocaleString('en')} events over 90 days into ${dir} ...`);
  let last = 0;
  const result = await bulkLoad({
    store,
    organizations: [
      {
        organizationId,
        domains: ['bench.example', 'mail.bench.example'],
        channelIdsByConfigSet: channels,
        // Longer than the loaded span, so ClickHouse's TTL (real clock) keeps every row.
        retentionDays: 3650,
      },
    ],
    events,
    from,
    to,
    seed: 17,
    // Reports read columns, not the raw envelope; 'none' loads several times faster (see bulk-load-bench).
    raw: 'none',
    onProgress: (progress) => {
      if (progress.elapsedMs - last < 15_000) return;
      last = progress.elapsedMs;
      console.log(
        `  ${progress.rows.toLocaleString('en')} rows, ${Math.round(progress.rowsPerSecond).toLocaleString('en')}/s`,
      );
    },
  });
  console.log(`loaded ${result.rows.toLocaleString('en')} rows in ${(result.elapsedMs / 1000).toFixed(0)} s`);
}

const store = createAnalyticsStore({ database: 'bench', dataDir: dir });
try {
  await migrateAnalytics(store);
  const stored = existsSync(dir) ? await countEvents(store, organizationId) : 0;
  if (stored < events) await load(store);
  // The state the ingest's compaction keeps a live store in: every day that ended 48 h before `to` is
  // one merged part (FINAL reads it without merging); the last two days stay as loaded.
  const compacting = performance.now();
  const merged = await compactSettledPartitions(store, { now: to });
  console.log(
    `merged ${merged.length} settled days in ${((performance.now() - compacting) / 1000).toFixed(0)} s`,
  );
  console.log(`${(await countEvents(store, organizationId)).toLocaleString('en')} rows for the organization`);

  const results: Result[] = [];
  for (const [label, filter] of [
    ['', range],
    [' (channel)', oneChannel],
  ] as const) {
    const reports: [string, () => Promise<unknown>][] = [
      ['deliverability', () => deliverabilityReport(store, filter)],
      ['providers', () => providerReport(store, filter)],
      ['latency', () => latencyReport(store, filter)],
      ['engagement', () => engagementReport(store, filter)],
      ['ses costs (12 months)', () => sesCostReport(store, filter, { months: 12, freeTier: true })],
    ];
    for (const [name, run] of reports)
      results.push(await measure(`${name}${label}`, REPORT_TARGET_MS, '', run));
    results.push(
      await measure(`messages page 1${label}`, PAGE_TARGET_MS, '50 rows', () =>
        listMessages(store, filter, { limit: 50 }),
      ),
    );
    results.push(
      await measure(`event log page 1${label}`, PAGE_TARGET_MS, '50 rows', () =>
        listEventLog(store, filter, { limit: 50 }),
      ),
    );
    results.push(
      await measure(`suppressions page 1${label}`, PAGE_TARGET_MS, '50 rows', () =>
        listSuppressions(store, filter, { limit: 50 }),
      ),
    );
  }

  // A deep page: walk the cursors, then time the page they lead to.
  let cursor: string | null = null;
  let recipient = '';
  for (let page = 1; page < DEEP_PAGE; page++) {
    const answer = await listMessages(store, range, { limit: 50, cursor });
    cursor = answer.nextCursor;
    recipient ||= (answer.items[0] as { recipient?: string } | undefined)?.recipient ?? '';
  }
  const deep = cursor;
  results.push(
    await measure(`messages page ${DEEP_PAGE}`, PAGE_TARGET_MS, 'keyset cursor', () =>
      listMessages(store, range, { limit: 50, cursor: deep }),
    ),
  );
  results.push(
    await measure('recipient search (exact)', PAGE_TARGET_MS, recipient, () =>
      listMessages(store, range, { limit: 50, recipient }),
    ),
  );
  const domainPart = recipient.split('@')[1] ?? 'gmail';
  results.push(
    await measure('recipient search (substring)', PAGE_TARGET_MS, domainPart, () =>
      listMessages(store, range, { limit: 50, recipient: domainPart }),
    ),
  );

  console.log(`\n30-day range, median of ${runs} after one warm-up`);
  console.log('query'.padEnd(34), 'median'.padStart(9), 'target'.padStart(9), '  result  note');
  for (const r of results) {
    console.log(
      r.name.padEnd(34),
      `${r.median.toFixed(0)} ms`.padStart(9),
      `${r.target} ms`.padStart(9),
      r.median <= r.target ? '  ok    ' : '  MISSED',
      r.note,
    );
  }
} finally {
  await store.client.close();
}
