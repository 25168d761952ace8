// The benchmark's verdict: one table, the targets with PASS/FAIL from this run's own figures.
import type { BenchOptions, ConnectionMode } from './bench-options.ts';
import type { LoadResult } from './load.ts';
import type { Sample } from './sampler.ts';
import { round, slope, slopeStandardError } from './stats.ts';

/** bare: parse and 204; durable: the same plus the spool's synced append; ingest: SendOps. */
export type BenchServer = 'bare' | 'durable' | 'ingest';

const DESIGNS: Record<BenchServer, string> = {
  bare: 'bare Fastify route (parse, 204)',
  durable: 'bare route + spool fsync (no pipeline)',
  ingest: 'SendOps ingest (fsync, chDB)',
};

export interface RunRecord {
  server: BenchServer;
  load: LoadResult;
  samples: Sample[];
  maxRssMb: number;
  serverCpuPercent: number;
  /** CPU used by everything but the server and the load generator (noise), % of one core. */
  otherCpuPercent: number;
  /** Ingest: server-side p99 acknowledgement bucket bound for this run. */
  serverAckP99BoundMs?: number | null;
  /** Ingest: the server's event-loop delay during the run. */
  serverLoopDelayMs?: { p50: number; p99: number; max: number };
  /** Ingest: backlog when the load stopped and how long the loader took to clear it. */
  drain?: { backlogRows: number; seconds: number };
  /** Server CPU seconds during the run, by thread group (what the server spent its CPU on). */
  threadCpu?: { totalSeconds: number; groups: Record<string, number> };
}

export interface MemoryVerdict {
  firstMb: number;
  lastMb: number;
  maxMb: number;
  slopeMbPerMin: number;
  /** Standard error of that slope: RSS swings with chDB's inserts and merges. */
  slopeStdErrMbPerMin: number;
  heapFirstMb: number | null;
  heapLastMb: number | null;
  heapSlopeMbPerMin: number | null;
  /** RSS outside the V8 heap (chDB, buffers). */
  nonHeapFirstMb: number | null;
  nonHeapLastMb: number | null;
  nonHeapSlopeMbPerMin: number | null;
  /** Heap still referenced after a full GC, before and after the run, and per accepted event. */
  retainedHeap: { beforeMb: number; afterMb: number; events: number; bytesPerEvent: number } | null;
}

export interface Target {
  name: string;
  value: string;
  pass: boolean | null;
}

export function summarizeRun(server: RunRecord['server'], load: LoadResult, samples: Sample[]): RunRecord {
  const busy = samples.slice(1); // the first interval includes the ramp-up
  return {
    server,
    load,
    samples,
    maxRssMb: Math.max(0, ...samples.map((s) => s.rssMb)),
    serverCpuPercent: average(busy.map((s) => s.cpuPercent)),
    otherCpuPercent: average(busy.map((s) => s.otherCpuPercent)),
  };
}

/** RSS over the fixed-rate run, skipping its first 10% (warm caches, first segments). */
export function memoryVerdict(
  samples: Sample[],
  retained?: { before: number; after: number; events: number },
): MemoryVerdict {
  const steady = samples.slice(Math.floor(samples.length / 10));
  const fit = (key: 'rssMb' | 'heapUsedMb' | 'nonHeapMb') => {
    const points = steady.filter((s) => s[key] !== undefined);
    if (points.length < 2) return { first: null, last: null, slope: null, stdErr: 0 };
    const ys = points.map((s) => s[key]!);
    const xs = points.map((s) => s.t / 60);
    return {
      first: ys[0]!,
      last: ys.at(-1)!,
      slope: round(slope(xs, ys), 1),
      stdErr: round(slopeStandardError(xs, ys), 1),
    };
  };
  const rss = fit('rssMb');
  const heap = fit('heapUsedMb');
  const nonHeap = fit('nonHeapMb');
  return {
    firstMb: samples[0]?.rssMb ?? 0,
    lastMb: samples.at(-1)?.rssMb ?? 0,
    maxMb: Math.max(0, ...samples.map((s) => s.rssMb)),
    slopeMbPerMin: rss.slope ?? 0,
    slopeStdErrMbPerMin: rss.stdErr,
    heapFirstMb: heap.first,
    heapLastMb: heap.last,
    heapSlopeMbPerMin: heap.slope,
    nonHeapFirstMb: nonHeap.first,
    nonHeapLastMb: nonHeap.last,
    nonHeapSlopeMbPerMin: nonHeap.slope,
    retainedHeap: retained
      ? {
          beforeMb: retained.before,
          afterMb: retained.after,
          events: retained.events,
          bytesPerEvent: Math.round(
            ((retained.after - retained.before) * 1048576) / Math.max(1, retained.events),
          ),
        }
      : null,
  };
}

export function evaluateTargets(
  options: BenchOptions,
  runs: RunRecord[],
  rateRun: RunRecord | undefined,
  memory: MemoryVerdict | undefined,
): Target[] {
  const targets: Target[] = [];
  for (const mode of options.modes) {
    const bare = runs.find((r) => r.server === 'bare' && r.load.connection === mode);
    const ingest = runs.find((r) => r.server === 'ingest' && r.load.connection === mode);
    if (!bare || !ingest) continue;
    const ratio = ingest.load.eventsPerSecond / bare.load.eventsPerSecond;
    targets.push({
      name: `ingest >= 75% of bare route rate (${modeLabel(mode)})`,
      value: `${pct(ratio)} (${fmt(ingest.load.eventsPerSecond)} vs ${fmt(bare.load.eventsPerSecond)} ev/s)`,
      pass: ratio >= 0.75,
    });
  }
  if (rateRun) {
    const load = rateRun.load;
    const latency = rateLatency(load);
    const rateOk = load.eventsPerSecond >= options.rate * 0.97;
    const clean = load.non2xx === 0 && load.errors === 0 && load.notAccepted === 0;
    targets.push({
      name: `p99 < 100 ms at ${fmt(options.rate)} ev/s`,
      value:
        `p99 ${latency.p99} ms from scheduled send, load-generator lag removed ` +
        `(raw ${load.scheduledLatencyMs?.p99 ?? '?'} ms; achieved ${fmt(load.eventsPerSecond)} ev/s, ` +
        `${load.non2xx + load.errors + load.notAccepted} failed)`,
      pass: latency.p99 < 100 && rateOk && clean,
    });
  }
  if (memory) {
    const limit = options.rssSlopeLimitMbPerMin;
    // Live RSS swings by ~100 MB with chDB's inserts and merges, so a 60 s slope carries a standard error
    // of ~15-20 MB/min: it counts as growth only when it exceeds the limit by more than two of them. The
    // JS heap is measured exactly (retained after full GCs) and held to the same limit at this rate.
    const rssGrows = memory.slopeMbPerMin - 2 * memory.slopeStdErrMbPerMin > limit;
    const heapLimitBytesPerEvent = (limit * 1048576) / (options.rate * 60);
    const heap = memory.retainedHeap;
    const heapGrows = heap !== null && heap.bytesPerEvent > heapLimitBytesPerEvent;
    targets.push({
      name: `memory flat at ${fmt(options.rate)} ev/s (RSS and retained heap growth <= ${limit} MB/min)`,
      value:
        `RSS first ${memory.firstMb} / last ${memory.lastMb} / max ${memory.maxMb} MB, ` +
        `slope ${signed(memory.slopeMbPerMin)} ± ${memory.slopeStdErrMbPerMin} MB/min ` +
        `(${rssGrows ? 'above' : 'not above'} ${limit} by more than 2 std. errors)` +
        (heap === null
          ? ''
          : `; heap retained ${heap.bytesPerEvent} B/event (limit ${Math.floor(heapLimitBytesPerEvent)})`),
      pass: !rssGrows && !heapGrows,
    });
  }
  return targets;
}

export function printTable(runs: RunRecord[]): void {
  const header = [
    'design',
    'connection',
    'events/s',
    'p50 ms',
    'p97.5 ms',
    'p99 ms',
    'max RSS MB',
    'srv CPU',
    'CPU us/ev',
    'other CPU',
    'vs bare',
  ];
  const rows = runs.map((run) => {
    const { load } = run;
    const bare = runs.find(
      (r) => r.server === 'bare' && r.load.connection === load.connection && !r.load.targetRate,
    );
    const ratio =
      run.server !== 'bare' && !load.targetRate && bare
        ? pct(load.eventsPerSecond / bare.load.eventsPerSecond)
        : '';
    const latency = load.targetRate ? rateLatency(load) : load.latencyMs;
    const design = DESIGNS[run.server];
    return [
      load.targetRate ? `${design} @ ${fmt(load.targetRate)}/s` : design,
      modeLabel(load.connection),
      fmt(load.eventsPerSecond),
      String(latency.p50),
      String(latency.p975),
      String(latency.p99),
      String(run.maxRssMb),
      `${run.serverCpuPercent}%`,
      fmt(cpuMicrosPerEvent(run)),
      `${run.otherCpuPercent}%`,
      ratio,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/**
 * Where the ingest's rate goes, per connection mode: bare route -> + durability (the synced spool append
 * every acknowledged event needs, whatever the design) -> the ingest (its pipeline and the ClickHouse load).
 */
export function printDurabilityLadder(runs: RunRecord[]): void {
  const maxRuns = runs.filter((r) => !r.load.targetRate);
  const modes = [...new Set(maxRuns.map((r) => r.load.connection))];
  const lines: string[] = [];
  for (const mode of modes) {
    const rate = (server: BenchServer) =>
      maxRuns.find((r) => r.server === server && r.load.connection === mode)?.load.eventsPerSecond;
    const [bare, durable, ingest] = [rate('bare'), rate('durable'), rate('ingest')];
    if (!bare || !durable || !ingest) continue;
    lines.push(
      `  ${modeLabel(mode)}: bare ${fmt(bare)} -> + spool fsync ${fmt(durable)} (${pct(durable / bare)} of bare) ` +
        `-> ingest ${fmt(ingest)} (${pct(ingest / bare)} of bare, ${pct(ingest / durable)} of the durable route)`,
    );
  }
  if (lines.length === 0) return;
  console.log('\nDurability alone vs the whole ingest (events/s):');
  for (const line of lines) console.log(line);
}

/** Server CPU time per answered event: unlike events/s, barely moved by other load on the machine. */
export function cpuMicrosPerEvent(run: RunRecord): number {
  return run.load.eventsPerSecond > 0 ? (run.serverCpuPercent / 100 / run.load.eventsPerSecond) * 1e6 : 0;
}

/** The fixed-rate run's figure judged against the target (see LoadResult.serverLatencyMs). */
export function rateLatency(load: LoadResult): LoadResult['latencyMs'] {
  return load.serverLatencyMs ?? load.scheduledLatencyMs ?? load.latencyMs;
}

/** What the columns mean: printed under the table so a reader of the output needs nothing else. */
export function printLegend(): void {
  for (const line of [
    'events/s: 2xx answers that said `accepted` (bare and durable routes: 2xx), per second of the run. Max-throughput',
    '  runs are closed-loop: each connection sends its next request when the previous answer arrives.',
    'latency, max-throughput runs: request written -> full response read, at the load generator.',
    'latency, fixed-rate run: scheduled send time -> full response read (no coordinated omission: a slow',
    '  answer delays the next send on that connection and that delay counts), minus the time the load',
    '  generator itself sent late while its connection was free. It runs on the same 2 cores as the',
    '  server; EventBridge would not be late. In Connection: close mode this includes the TCP handshake.',
    'srv CPU: the server process, % of one core (all its threads: chDB inserts and merges, fsync).',
    'CPU us/ev: server CPU time per answered event; little affected by other load, unlike events/s.',
    "durable route: the bare route that also appends the body to the ingest's spool (group commit,",
    '  O_DSYNC, production settings) before its 204: the floor of any design that acknowledges only',
    '  durable events. Its segments are deleted, never loaded into ClickHouse.',
    'other CPU: everything on the machine but the server and the load generator (other users), % of',
    '  one core. Above ~15% the run competed for the 2 cores and its rates and latencies are low.',
  ])
    console.log(`  ${line}`);
}

/** Where each server's CPU went, per event: the main thread is what caps a single Node process. */
export function printCpuBreakdown(runs: RunRecord[]): void {
  console.log('\nServer CPU per answered event, by thread (us/event; threads that exited are "other"):');
  for (const run of runs) {
    if (!run.threadCpu || run.load.good === 0) continue;
    const perEvent = (seconds: number) => fmt((seconds * 1e6) / run.load.good);
    const known = Object.values(run.threadCpu.groups).reduce((a, b) => a + b, 0);
    const parts = Object.entries(run.threadCpu.groups)
      .filter(([, seconds]) => seconds > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([group, seconds]) => `${group} ${perEvent(seconds)}`);
    if (run.threadCpu.totalSeconds - known > 0.05)
      parts.push(`other ${perEvent(run.threadCpu.totalSeconds - known)}`);
    console.log(`  ${run.load.label}: total ${perEvent(run.threadCpu.totalSeconds)} = ${parts.join(', ')}`);
  }
}

export function printTargets(targets: Target[]): void {
  const width = Math.max(...targets.map((t) => t.name.length));
  for (const target of targets) {
    const verdict = target.pass === null ? 'n/a ' : target.pass ? 'PASS' : 'FAIL';
    console.log(`  ${verdict}  ${target.name.padEnd(width)}  ${target.value}`);
  }
}

export function modeLabel(mode: ConnectionMode): string {
  return mode === 'close' ? 'Connection: close' : 'keep-alive';
}

export function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function average(values: number[]): number {
  return values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, 0) : 0;
}

function pct(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

export function signed(value: number): string {
  return value >= 0 ? `+${value}` : String(value);
}
