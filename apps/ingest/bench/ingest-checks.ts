// Checks against the running ingest: every payload type is really accepted, the loader catches up, and
// every accepted row ends up in ClickHouse.
import type { ChildHandle } from './children.ts';
import { type BodyPool, freshBody } from './payloads.ts';
import { type IngestCounters, ingestCounters, scrapeMetrics } from './sampler.ts';
import { round } from './stats.ts';

export const counters = async (baseUrl: string): Promise<IngestCounters> =>
  ingestCounters(await scrapeMetrics(baseUrl));

/** One event of each detail type in the pool must come back `accepted` (and 204 from the baselines). */
export async function preflight(
  ingestUrl: string,
  baselines: Record<string, string>,
  apiKey: string,
  pool: BodyPool,
) {
  const refused: string[] = [];
  for (const [type, index] of Object.entries(pool.firstOfType)) {
    const post = (base: string) =>
      fetch(new URL('/ingest/eventbridge', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: freshBody(pool, index),
      });
    const response = await post(ingestUrl);
    const text = await response.text();
    if (response.status !== 200 || !text.includes('"status":"accepted"'))
      refused.push(`${type}: ${response.status} ${text}`);
    for (const [name, url] of Object.entries(baselines)) {
      const baseline = await post(url);
      if (baseline.status !== 204) refused.push(`${type} (${name} route): ${baseline.status}`);
    }
  }
  if (refused.length > 0) throw new Error(`payloads are not accepted:\n  ${refused.join('\n  ')}`);
}

export interface Drain {
  complete: boolean;
  /** Rows acknowledged but not yet in ClickHouse when the wait began. */
  backlogRows: number;
  seconds: number;
  final: IngestCounters;
}

/** Waits until the loader has written every accepted row (and no closed segment waits). */
export async function waitForLoader(ingestUrl: string, timeoutS: number): Promise<Drain> {
  const started = performance.now();
  const first = await counters(ingestUrl);
  let current = first;
  for (;;) {
    if (current.rowsWritten >= current.rowsAccepted && current.bufferSegments === 0) break;
    if (performance.now() - started > timeoutS * 1000) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
    current = await counters(ingestUrl);
  }
  return {
    complete: current.rowsWritten >= current.rowsAccepted && current.bufferSegments === 0,
    backlogRows: first.rowsAccepted - first.rowsWritten,
    seconds: round((performance.now() - started) / 1000, 1),
    final: current,
  };
}

export interface Verification {
  ok: boolean;
  eventsByOutcome: Record<string, number>;
  eventsAccepted: number;
  /** 2xx `accepted` answers the load generator counted (all runs, warm-ups and preflight included). */
  clientAccepted: number;
  rowsAccepted: number;
  rowsWritten: number;
  rowsInClickhouse: number | null;
  finalBacklogRows: number;
  finalBufferBytes: number;
  finalBufferSegments: number;
  storeErrors: number;
  loader: { batches: number; avgRowsPerBatch: number; insertRowsPerSecond: number; insertSeconds: number };
  drainSeconds: number;
  problems: string[];
}

export async function verify(
  ingest: ChildHandle,
  ingestUrl: string,
  clientAccepted: number,
  timeoutS: number,
): Promise<Verification> {
  const drain = await waitForLoader(ingestUrl, timeoutS);
  const c = drain.final;
  let rowsInClickhouse: number | null = null;
  const problems: string[] = [];
  try {
    const reply = await ingest.request('count', 'COUNT', 120_000);
    rowsInClickhouse = Number(reply);
    if (!Number.isFinite(rowsInClickhouse)) throw new Error(reply);
  } catch (error) {
    problems.push(`could not count ClickHouse rows: ${(error as Error).message}`);
    rowsInClickhouse = null;
  }
  const eventsAccepted = c.eventsByOutcome.accepted ?? 0;
  if (!drain.complete)
    problems.push(
      `loader did not catch up within ${timeoutS} s (${c.rowsAccepted - c.rowsWritten} rows left)`,
    );
  if (rowsInClickhouse !== null && rowsInClickhouse !== c.rowsAccepted)
    problems.push(`ClickHouse holds ${rowsInClickhouse} rows, the ingest accepted ${c.rowsAccepted}`);
  if (eventsAccepted < clientAccepted)
    problems.push(`server counted ${eventsAccepted} accepted events, the clients ${clientAccepted}`);
  for (const [outcome, n] of Object.entries(c.eventsByOutcome))
    if (outcome !== 'accepted' && n > 0) problems.push(`${n} events ${outcome}`);
  if (c.storeErrors > 0) problems.push(`${c.storeErrors} store errors`);
  return {
    ok: problems.length === 0,
    eventsByOutcome: c.eventsByOutcome,
    eventsAccepted,
    clientAccepted,
    rowsAccepted: c.rowsAccepted,
    rowsWritten: c.rowsWritten,
    rowsInClickhouse,
    finalBacklogRows: c.rowsAccepted - c.rowsWritten,
    finalBufferBytes: c.bufferBytes,
    finalBufferSegments: c.bufferSegments,
    storeErrors: c.storeErrors,
    loader: {
      batches: c.flushCount,
      avgRowsPerBatch: c.flushCount ? Math.round(c.rowsWritten / c.flushCount) : 0,
      insertRowsPerSecond: c.flushSecondsSum ? Math.round(c.rowsWritten / c.flushSecondsSum) : 0,
      insertSeconds: round(c.flushSecondsSum, 1),
    },
    drainSeconds: drain.seconds,
    problems,
  };
}
