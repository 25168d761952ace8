import { type AnalyticsStore, insertEventRows } from '@sendops/analytics';
import {
  DEFAULT_TEMPLATE_TAG_NAMES,
  type EventRow,
  type SesEventEnvelope,
  toEventRows,
} from '@sendops/ses-events';
import { type BulkOrganization, bulkProfiles } from './bulk-organizations.ts';
import { envelopeJson, type RawMode } from './envelope-json.ts';
import { streamMessages } from './generate-messages.ts';
import type { OrganizationProfile } from './organizations.ts';
import { seedFromString } from './random.ts';
import { clickhouseMillis } from './time-format.ts';

export interface BulkLoadOptions {
  /** The analytics store (client + database) to insert into. */
  store: AnalyticsStore;
  organizations: BulkOrganization[];
  /** SES events (envelopes) to generate; rows are ≥ this, Send fans out per recipient. */
  events: number;
  /** Messages are sent in [from, to); follow-ups after `to` have not happened yet and are left out. */
  from: Date;
  to: Date;
  seed?: number;
  /** Rows per insert. Default 20,000 (chDB's sweet spot: 10–20k-row batches). */
  batchRows?: number;
  /**
   * The `raw` column: `compact` (default: the envelope without mail.headers / commonHeaders), `full`
   * (the envelope as EventBridge would post it) or `none`. chDB parses JSONEachRow at ~50–60 MB/s here,
   * so raw size sets the pace: see bench/bulk-load-bench.ts.
   */
  raw?: RawMode;
  onProgress?: (progress: BulkLoadProgress) => void;
  /** Stops between batches (rejects with the signal's reason); inserted batches stay. */
  signal?: AbortSignal;
  /**
   * Pause after each batch, so a load running inside a serving process (the demo backfill of `sendops
   * start`) leaves the event loop and chDB's single query chain to interactive work. Default 0.
   */
  pauseMs?: number;
}

export interface BulkLoadProgress {
  events: number;
  rows: number;
  batches: number;
  elapsedMs: number;
  rowsPerSecond: number;
}

export interface BulkLoadResult extends BulkLoadProgress {
  messages: number;
  /** Time spent waiting on inserts (the rest is generating and converting, overlapped with inserts). */
  insertWaitMs: number;
}

/**
 * Loads synthetic history straight into ClickHouse: envelopes → `toEventRows` (the ingest's own
 * normalisation) → `insertEventRows` in ~batchRows batches, generating the next batches while earlier
 * ones insert. Batches carry deterministic dedupe tokens, so re-running the same load adds nothing.
 */
export async function bulkLoad(options: BulkLoadOptions): Promise<BulkLoadResult> {
  const started = performance.now();
  const from = options.from.getTime();
  const to = options.to.getTime();
  const seed = options.seed ?? 1;
  const batchRows = Math.max(1, options.batchRows ?? 20_000);
  const profiles = bulkProfiles(options.organizations);
  const byId = new Map(options.organizations.map((o) => [o.organizationId, o]));
  const tokenBase = seedFromString(
    `${options.organizations.map((o) => o.organizationId).join(',')}|${from}|${to}|${options.events}|${seed}|${options.raw ?? 'compact'}`,
  ).toString(16);
  const messagesNeeded = estimateMessages(profiles, from, to, options.events, seed);

  const progress: BulkLoadResult = {
    events: 0,
    rows: 0,
    batches: 0,
    elapsedMs: 0,
    rowsPerSecond: 0,
    messages: 0,
    insertWaitMs: 0,
  };
  let batch: EventRow[] = [];
  // Two inserts in flight: while chDB writes one, the main thread encodes the next (the client's
  // JSON encoding and chDB's copy of the query text run on it). Measured ~1.7x over one at a time; dedupe
  // tokens stay exact (a replay adds nothing).
  let inFlight: Promise<void>[] = [];
  let rowsInserted = 0;
  const flush = async () => {
    if (options.signal?.aborted) {
      // Let the inserts already sent finish, so the caller can close the store right after.
      await Promise.allSettled(inFlight);
      options.signal.throwIfAborted();
    }
    const rows = batch;
    batch = [];
    if (inFlight.length >= 2) {
      const waitStart = performance.now();
      await inFlight.shift();
      progress.insertWaitMs += performance.now() - waitStart;
    }
    const token = `bulk-${tokenBase}-${progress.batches}`;
    progress.batches++;
    const insert = insertEventRows(options.store, rows, { dedupeToken: token }).then(() => {
      rowsInserted += rows.length;
      report(options, progress, rowsInserted, started);
    });
    // Handled where it is awaited; this only keeps Node from calling it unhandled while the generator
    // runs synchronously.
    insert.catch(() => {});
    inFlight.push(insert);
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  };

  // Rounds only repeat when the estimate fell short (each round is its own seeded stream).
  for (let round = 0; progress.events < options.events && round < 10; round++) {
    const remaining = options.events - progress.events;
    const stream = streamMessages({
      seed: seed + round * 7919,
      organizations: profiles,
      messages:
        round === 0 ? messagesNeeded : Math.ceil(messagesNeeded * (remaining / options.events) * 1.2) + 10,
      start: from,
      end: to,
    });
    for (const message of stream) {
      progress.messages++;
      const organization = message.organization.organizationId
        ? byId.get(message.organization.organizationId)
        : undefined;
      if (!organization) throw new Error('bulkLoad: message without organization');
      const channelId = organization.channelIdsByConfigSet[message.configurationSet] ?? '';
      for (const event of message.events) {
        if (event.time >= to) continue;
        const rows = toEventRows(event.envelope as unknown as SesEventEnvelope, {
          organizationId: organization.organizationId,
          sendingIdentity: message.sendingIdentity,
          channelId,
          templateTagNames: DEFAULT_TEMPLATE_TAG_NAMES,
          retentionDays: organization.retentionDays ?? 400,
          // Ingest lag of 0.2–2 s, the way EventBridge delivers.
          ingestedAt: clickhouseMillis(event.time + 200 + (event.time % 1800)),
          raw: envelopeJson(event.envelope, options.raw ?? 'compact'),
        });
        for (const row of rows) batch.push(row);
        progress.events++;
        progress.rows += rows.length;
        if (batch.length >= batchRows) await flush();
        if (progress.events >= options.events) break;
      }
      if (progress.events >= options.events) break;
    }
  }
  if (batch.length > 0) await flush();
  const waitStart = performance.now();
  const pending = inFlight;
  inFlight = [];
  await Promise.all(pending);
  progress.insertWaitMs += performance.now() - waitStart;
  progress.elapsedMs = performance.now() - started;
  progress.rowsPerSecond = progress.rows / (progress.elapsedMs / 1000);
  return progress;
}

function report(
  options: BulkLoadOptions,
  progress: BulkLoadResult,
  rowsInserted: number,
  started: number,
): void {
  if (!options.onProgress) return;
  const elapsedMs = performance.now() - started;
  options.onProgress({
    events: progress.events,
    rows: rowsInserted,
    batches: progress.batches,
    elapsedMs,
    rowsPerSecond: rowsInserted / (elapsedMs / 1000),
  });
}

/** Messages needed for `events` events inside the window, from a small pilot run of the same mix. */
function estimateMessages(
  profiles: OrganizationProfile[],
  from: number,
  to: number,
  events: number,
  seed: number,
): number {
  const pilot = Math.min(2000, Math.max(200, events));
  let inWindow = 0;
  for (const message of streamMessages({
    seed: seed ^ 0x5bd1e995,
    organizations: profiles,
    messages: pilot,
    start: from,
    end: to,
  })) {
    for (const event of message.events) if (event.time < to) inWindow++;
  }
  const perMessage = Math.max(1, inWindow / pilot);
  return Math.ceil((events / perMessage) * 1.03) + 5;
}
