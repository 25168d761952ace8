import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalyticsStore } from '@sendops/analytics';
import { type BulkLoadResult, bulkLoad } from '@sendops/simulator';

/** 90 days of history, a few hundred thousand events: every chart of the demo workspace has data. */
export const DEMO_HISTORY_DAYS = 90;
export const DEMO_HISTORY_EVENTS = 200_000;
const DAY_MS = 86_400_000;

export interface DemoHistoryOptions {
  store: AnalyticsStore;
  dataDir: string;
  organizationId: string;
  domains: string[];
  channelIdsByConfigSet: Record<string, string>;
  /** The end of the history: where the live demo stream takes over. */
  now: Date;
  days?: number;
  events?: number;
  signal?: AbortSignal;
}

/** What `<data-dir>/demo-history.json` records: the window, so an interrupted load resumes the same one. */
interface DemoHistoryRecord {
  organizationId: string;
  from: string;
  to: string;
  events: number;
  completedAt: string | null;
}

function recordPath(dataDir: string): string {
  return path.join(dataDir, 'demo-history.json');
}

function readRecord(dataDir: string): DemoHistoryRecord | null {
  const file = recordPath(dataDir);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoHistoryRecord;
  } catch {
    return null;
  }
}

/**
 * Backfills the demo organization's history once per data directory. A load cut short (Ctrl-C) is
 * resumed with the same window and seed next time: bulkLoad's batches carry deterministic dedupe tokens,
 * so the batches already written add nothing. Returns null when the history is already there.
 */
export async function backfillDemoHistory(options: DemoHistoryOptions): Promise<BulkLoadResult | null> {
  const previous = readRecord(options.dataDir);
  if (previous?.organizationId === options.organizationId && previous.completedAt) return null;
  const record: DemoHistoryRecord =
    previous?.organizationId === options.organizationId
      ? previous
      : {
          organizationId: options.organizationId,
          from: new Date(options.now.getTime() - (options.days ?? DEMO_HISTORY_DAYS) * DAY_MS).toISOString(),
          to: options.now.toISOString(),
          events: options.events ?? DEMO_HISTORY_EVENTS,
          completedAt: null,
        };
  writeFileSync(recordPath(options.dataDir), `${JSON.stringify(record, null, 2)}\n`);
  const result = await bulkLoad({
    store: options.store,
    organizations: [
      {
        organizationId: options.organizationId,
        domains: options.domains,
        channelIdsByConfigSet: options.channelIdsByConfigSet,
      },
    ],
    events: record.events,
    from: new Date(record.from),
    to: new Date(record.to),
    seed: 90,
    signal: options.signal,
    // Small batches with a breather: this runs inside the serving process, next to the live stream.
    batchRows: 4_000,
    pauseMs: 150,
  });
  writeFileSync(
    recordPath(options.dataDir),
    `${JSON.stringify({ ...record, completedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  return result;
}
