/**
 * `npm run bench:undeliverable [-- events recipients runs]`: bulk-loads synthetic SES history (default
 * 10M events to 200k distinct recipients, one organization) into a fresh embedded chDB, then times the
 * Undeliverable list's first page, a second page (cursor) and the rules preview for each profile.
 * Prints median / p95 against the targets (≤ 300 ms median each). Results are not stored.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
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
  type ExclusionChange,
  listUndeliverable,
  PROFILE_SETTINGS,
  PROFILES,
  previewRules,
  type RuleSettings,
  writeExclusionMirror,
} from '../src/index.ts';

const TARGET_MS = 300;
const { events, recipients, runs } = benchCounts(
  process.argv.slice(2),
  'Usage: npm run bench:undeliverable -- [events (default 10000000)] [recipients (default 200000)] [runs (default 15)]\n' +
    'UNDELIVERABLE_BENCH_DIR: keep the loaded store there between runs (default: a fresh temp dir)',
  { events: 10_000_000, recipients: 200_000, runs: 15 },
);
// UNDELIVERABLE_BENCH_DIR keeps the loaded store between runs (load once, measure many times).
const keepDir = process.env.UNDELIVERABLE_BENCH_DIR;
const organizationId = keepDir ? '5e4d0b3c-0000-4000-8000-000000000001' : randomUUID();
const to = new Date(Date.UTC(2026, 10, 1));
const from = new Date(to.getTime() - 90 * 86_400_000);
const scope = { organizationId, now: to, retentionDays: 400 };

const dir = keepDir ?? mkdtempSync(path.join(tmpdir(), 'sendops-undeliverable-bench-'));
try {
  const store = createAnalyticsStore({ database: 'bench', dataDir: dir });
  await migrateAnalytics(store);
  if (!keepDir || (await countEvents(store, organizationId)) === 0) await load(store);
  // The state the ingest's compaction keeps a live store in: every day that ended 48 h before `to` is
  // one merged part (FINAL reads it without merging); the last two days stay as loaded.
  const compacting = performance.now();
  const merged = await compactSettledPartitions(store, { now: to });
  console.log(
    `merged ${merged.length} settled days in ${((performance.now() - compacting) / 1000).toFixed(0)} s`,
  );
  // A reused store keeps the events, not the clearings of an earlier run.
  await store.client.command({ query: `TRUNCATE TABLE ${store.database}.undeliverable_exclusions` });
  const stored = await countEvents(store, organizationId);
  const distinct = await distinctRecipients(store);
  console.log(`${stored.toLocaleString('en')} rows, ${distinct.toLocaleString('en')} distinct recipients`);

  // Realistic operator activity: some cleared addresses, taken from the Standard list.
  const cleared = await clearFromList(store, PROFILE_SETTINGS.standard, 1000);
  const results: { name: string; median: number; p95: number; cpu: number; note: string }[] = [];
  for (const profile of PROFILES) {
    const settings = PROFILE_SETTINGS[profile];
    const first = await listUndeliverable(store, { ...scope, settings, limit: 50 });
    results.push(
      await measure(`list page 1 (${profile})`, `${first.items.length} rows`, () =>
        listUndeliverable(store, { ...scope, settings, limit: 50 }),
      ),
    );
    results.push(
      await measure(`list page 2 (${profile})`, 'cursor', () =>
        listUndeliverable(store, { ...scope, settings, limit: 50, cursor: first.nextCursor }),
      ),
    );
    const preview = await previewRules(store, {
      ...scope,
      current: PROFILE_SETTINGS.standard,
      candidate: settings,
    });
    results.push(
      await measure(
        `preview standard → ${profile}`,
        `${preview.currentSize} → ${preview.candidateSize} (+${preview.added} −${preview.removed})`,
        () =>
          previewRules(store, {
            ...scope,
            current: PROFILE_SETTINGS.standard,
            candidate: settings,
          }),
      ),
    );
  }
  results.push(
    await measure('list search "gmail" (standard)', '', () =>
      listUndeliverable(store, {
        ...scope,
        settings: PROFILE_SETTINGS.standard,
        filters: { search: 'gmail', status: 'all' },
        limit: 50,
      }),
    ),
  );

  // The worst case: one exclusion per recipient (written once; the mirror is keyed by address).
  await writeExclusionMirror(
    store,
    organizationId,
    Array.from({ length: recipients }, (_, i) => clearing(`cleared-${i}@bench.example`, 10_000 + i)),
  );
  results.push(
    await measure(`list page 1, +${recipients.toLocaleString('en')} exclusions`, 'standard', () =>
      listUndeliverable(store, { ...scope, settings: PROFILE_SETTINGS.standard, limit: 50 }),
    ),
  );
  results.push(
    await measure(`preview, +${recipients.toLocaleString('en')} exclusions`, 'standard → aggressive', () =>
      previewRules(store, {
        ...scope,
        current: PROFILE_SETTINGS.standard,
        candidate: PROFILE_SETTINGS.aggressive,
      }),
    ),
  );

  console.log(`
load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`);
  console.log(`${runs} runs each, ${cleared} exclusions, target median ≤ ${TARGET_MS} ms`);
  console.log(
    'query'.padEnd(34),
    'median'.padStart(9),
    'p95'.padStart(9),
    'cpu/query'.padStart(10),
    '  target  result',
  );
  for (const r of results) {
    console.log(
      r.name.padEnd(34),
      `${r.median.toFixed(0)} ms`.padStart(9),
      `${r.p95.toFixed(0)} ms`.padStart(9),
      `${r.cpu.toFixed(0)} ms`.padStart(10),
      r.median <= TARGET_MS ? '  ok    ' : '  MISSED ',
      r.note,
    );
  }
  await store.client.close();
} finally {
  if (!keepDir) rmSync(dir, { recursive: true, force: true });
}

async function load(store: AnalyticsStore): Promise<void> {
  console.log(
    `loading ${events.toLocaleString('en')} events to ${recipients.toLocaleString('en')} recipients...`,
  );
  let lastReport = 0;
  const loaded = await bulkLoad({
    store,
    organizations: [
      {
        organizationId,
        domains: ['bench.example', 'mail.bench.example'],
        channelIdsByConfigSet: {
          'sesmail-default': randomUUID(),
          'sesmail-transactional': randomUUID(),
          'sesmail-marketing': randomUUID(),
        },
        audienceSize: recipients,
        // Longer than the loaded span, so ClickHouse's TTL (real clock) keeps every row.
        retentionDays: 3650,
      },
    ],
    events,
    from,
    to,
    seed: 5,
    raw: 'none',
    onProgress: (p) => {
      if (p.elapsedMs - lastReport > 10_000) {
        lastReport = p.elapsedMs;
        console.log(
          `  ${p.rows.toLocaleString('en')} rows, ${Math.round(p.rowsPerSecond).toLocaleString('en')} rows/s`,
        );
      }
    },
  });
  console.log(
    `loaded ${loaded.events.toLocaleString('en')} events in ${(loaded.elapsedMs / 1000).toFixed(0)} s`,
  );
}

async function measure(name: string, note: string, run: () => Promise<unknown>) {
  await run(); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await run();
    times.push(performance.now() - started);
    // chDB runs in this process: its query threads count here too. On a shared machine, CPU per
    // query says what the query costs when wall time says mostly how busy the neighbours are.
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  const pick = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  };
  return { name, median: pick(times, 0.5), p95: pick(times, 0.95), cpu: pick(cpu, 0.5), note };
}

async function distinctRecipients(store: AnalyticsStore): Promise<number> {
  const result = await store.client.query({
    query: `SELECT uniqExact(recipient) AS n FROM ${store.database}.ses_events WHERE organization_id = {o:UUID}`,
    query_params: { o: organizationId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: string }>();
  return Number(row?.n ?? 0);
}

/** Clears `count` addresses of the list (the ClickHouse mirror of Postgres' exclusions). */
async function clearFromList(store: AnalyticsStore, settings: RuleSettings, count: number): Promise<number> {
  const picked: ExclusionChange[] = [];
  let cursor: string | null = null;
  do {
    const page = await listUndeliverable(store, { ...scope, settings, limit: 500, cursor });
    for (const row of page.items.slice(0, count - picked.length))
      picked.push(clearing(row.address, picked.length));
    cursor = page.nextCursor;
  } while (cursor && picked.length < count);
  await writeExclusionMirror(store, organizationId, picked);
  return picked.length;
}

function clearing(address: string, i: number): ExclusionChange {
  return {
    address,
    clearedAt: new Date(to.getTime() - 86_400_000),
    note: 'bench',
    actorName: 'Bench',
    active: true,
    revision: BigInt(i + 1),
  };
}
