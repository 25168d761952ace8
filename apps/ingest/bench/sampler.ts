// Once a second: a server child's RSS and CPU from /proc, and (ingest) its Prometheus counters.
import { readdirSync, readFileSync } from 'node:fs';
import { round } from './stats.ts';

const CLOCK_TICKS_PER_S = 100; // USER_HZ, 100 on every Linux architecture Node supports

export function readRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return round(kb / 1024, 1);
}

/** User + system CPU seconds the process has used. */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "(comm)": state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
}

/** CPU seconds all processes on the machine used (all cores), from /proc/stat. */
export function readSystemCpuSeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_S;
}

/** CPU seconds of each live thread of a process, with its name (/proc/<pid>/task/<tid>/stat). */
export function readThreadCpu(pid: number): Map<number, { name: string; seconds: number }> {
  const threads = new Map<number, { name: string; seconds: number }>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(Number(tid), {
        name,
        seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S,
      });
    } catch {
      // the thread exited meanwhile
    }
  }
  return threads;
}

/** Which part of the server a thread belongs to, by its name. */
export function threadGroup(pid: number, tid: number, name: string): string {
  if (tid === pid) return 'main thread (JS: HTTP, pipeline, loader)';
  if (name.startsWith('libuv-worker')) return 'libuv pool (spool write, fdatasync, file reads)';
  if (/^(V8|DelayedTaskSche|SignalInspector|node$)/.test(name)) return 'V8/Node helpers (GC, compiler)';
  return 'chDB threads (insert parsing, parts, merges)';
}

/** CPU seconds per thread group between two readings; threads gone by the second one are lost. */
export function threadCpuDelta(
  pid: number,
  before: Map<number, { name: string; seconds: number }>,
  after: Map<number, { name: string; seconds: number }>,
): Record<string, number> {
  const groups: Record<string, number> = {};
  for (const [tid, { name, seconds }] of after) {
    const group = threadGroup(pid, tid, name);
    groups[group] = round((groups[group] ?? 0) + seconds - (before.get(tid)?.seconds ?? 0), 2);
  }
  return groups;
}

export type Metrics = Map<string, number>;

export async function scrapeMetrics(baseUrl: string): Promise<Metrics> {
  const response = await fetch(new URL('/metrics', baseUrl), { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`GET /metrics: ${response.status}`);
  const metrics: Metrics = new Map();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
    if (match) metrics.set(match[1]!, Number(match[2]));
  }
  return metrics;
}

export interface IngestCounters {
  eventsByOutcome: Record<string, number>;
  rowsAccepted: number;
  rowsWritten: number;
  bufferBytes: number;
  bufferSegments: number;
  flushSecondsSum: number;
  flushCount: number;
  storeErrors: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  /** Cumulative counts of sendops_ingest_ack_seconds, by upper bound (seconds). */
  ackBuckets: [number, number][];
}

export function ingestCounters(metrics: Metrics): IngestCounters {
  const get = (key: string) => metrics.get(key) ?? 0;
  const eventsByOutcome: Record<string, number> = {};
  let storeErrors = 0;
  const ackBuckets: [number, number][] = [];
  for (const [key, value] of metrics) {
    const outcome = /^sendops_ingest_events_total\{outcome="([^"]+)"\}$/.exec(key);
    if (outcome) eventsByOutcome[outcome[1]!] = value;
    if (key.startsWith('sendops_ingest_store_errors_total{')) storeErrors += value;
    const bucket = /^sendops_ingest_ack_seconds_bucket\{le="([^"]+)"\}$/.exec(key);
    if (bucket) ackBuckets.push([bucket[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(bucket[1]), value]);
  }
  return {
    eventsByOutcome,
    rowsAccepted: get('sendops_ingest_rows_accepted_total'),
    rowsWritten: get('sendops_ingest_rows_written_total'),
    bufferBytes: get('sendops_ingest_buffer_bytes'),
    bufferSegments: get('sendops_ingest_buffer_segments'),
    flushSecondsSum: get('sendops_ingest_flush_seconds_sum'),
    flushCount: get('sendops_ingest_flush_seconds_count'),
    storeErrors,
    heapUsedMb: round(get('sendops_ingest_process_nodejs_heap_size_used_bytes') / 1048576, 1),
    heapTotalMb: round(get('sendops_ingest_process_nodejs_heap_size_total_bytes') / 1048576, 1),
    externalMb: round(get('sendops_ingest_process_nodejs_external_memory_bytes') / 1048576, 1),
    ackBuckets: ackBuckets.sort((a, b) => a[0] - b[0]),
  };
}

/** Server-side p99 acknowledgement time between two scrapes, as a histogram bucket bound ("<= x ms"). */
export function ackP99BoundMs(before: IngestCounters, after: IngestCounters): number | null {
  const prior = new Map(before.ackBuckets);
  const deltas = after.ackBuckets.map(([le, count]) => [le, count - (prior.get(le) ?? 0)] as const);
  const total = deltas.at(-1)?.[1] ?? 0;
  if (total === 0) return null;
  const bucket = deltas.find(([, count]) => count >= total * 0.99);
  return bucket ? bucket[0] * 1000 : null;
}

export interface Sample {
  /** Seconds since the sampler started. */
  t: number;
  rssMb: number;
  /** Of one core, over the last interval. */
  cpuPercent: number;
  /** This process (the load generator), % of one core. */
  loadGenCpuPercent: number;
  /** Everything else on the machine (other servers, Postgres, other users), % of one core. */
  otherCpuPercent: number;
  heapUsedMb?: number;
  /** RSS not in the V8 heap: chDB (ClickHouse's allocator and caches), buffers, code. */
  nonHeapMb?: number;
  /** Rows acknowledged but not yet written to ClickHouse. */
  backlogRows?: number;
}

export class ProcessSampler {
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private started = 0;
  private lastCpu = 0;
  private lastSystem = 0;
  private lastSelf = process.cpuUsage();
  private lastAt = 0;
  private inflight: Promise<void> = Promise.resolve();
  /** A load generator running as its own process (wrk): its CPU counts as load generator, not other. */
  private loadGenPid: number | undefined;
  private lastLoadGen = 0;

  addLoadGenerator(pid: number): void {
    this.loadGenPid = pid;
    this.lastLoadGen = safeCpuSeconds(pid) ?? 0;
  }

  constructor(
    private readonly pid: number,
    private readonly metricsUrl?: string,
  ) {}

  start(): void {
    this.started = performance.now();
    this.lastAt = this.started;
    this.lastCpu = readCpuSeconds(this.pid);
    this.firstCpu = this.lastCpu;
    this.firstThreads = readThreadCpu(this.pid);
    this.lastSystem = readSystemCpuSeconds();
    this.lastSelf = process.cpuUsage();
    this.timer = setInterval(() => {
      this.inflight = this.sample().catch(() => {});
    }, 1_000);
  }

  async stop(): Promise<Sample[]> {
    clearInterval(this.timer);
    await this.inflight;
    const cpu = readCpuSeconds(this.pid);
    this.threadCpu = {
      totalSeconds: round(cpu - this.firstCpu, 2),
      groups: threadCpuDelta(this.pid, this.firstThreads, readThreadCpu(this.pid)),
    };
    return this.samples;
  }

  /** Server CPU seconds over the run, by thread group (after stop()). */
  threadCpu: { totalSeconds: number; groups: Record<string, number> } | undefined;
  private firstCpu = 0;
  private firstThreads = new Map<number, { name: string; seconds: number }>();

  private async sample(): Promise<void> {
    const now = performance.now();
    const cpu = readCpuSeconds(this.pid);
    const system = readSystemCpuSeconds();
    const self = process.cpuUsage(this.lastSelf);
    const percent = (seconds: number) => round((seconds / ((now - this.lastAt) / 1000)) * 100, 0);
    const server = percent(cpu - this.lastCpu);
    const external = this.loadGenPid === undefined ? undefined : safeCpuSeconds(this.loadGenPid);
    const loadGen =
      percent((self.user + self.system) / 1e6) +
      (external === undefined ? 0 : percent(external - this.lastLoadGen));
    if (external !== undefined) this.lastLoadGen = external;
    const sample: Sample = {
      t: round((now - this.started) / 1000, 1),
      rssMb: readRssMb(this.pid),
      cpuPercent: server,
      loadGenCpuPercent: loadGen,
      otherCpuPercent: Math.max(0, percent(system - this.lastSystem) - server - loadGen),
    };
    this.lastCpu = cpu;
    this.lastSystem = system;
    this.lastSelf = process.cpuUsage();
    this.lastAt = now;
    this.samples.push(sample);
    if (this.metricsUrl) {
      const counters = ingestCounters(await scrapeMetrics(this.metricsUrl));
      sample.heapUsedMb = counters.heapUsedMb;
      sample.nonHeapMb = round(sample.rssMb - counters.heapTotalMb, 1);
      sample.backlogRows = counters.rowsAccepted - counters.rowsWritten;
    }
  }
}

function safeCpuSeconds(pid: number): number | undefined {
  try {
    return readCpuSeconds(pid);
  } catch {
    return undefined; // exited
  }
}
