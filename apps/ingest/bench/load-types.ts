// What a load run is asked to do and what it reports, shared by the autocannon and wrk drivers.
import type { ConnectionMode, Generator, Pacing } from './bench-options.ts';
import type { BodyPool } from './payloads.ts';
import type { LatencySummary } from './stats.ts';

export interface LoadSpec {
  label: string;
  baseUrl: string;
  apiKey: string;
  pool: BodyPool;
  connection: ConnectionMode;
  connections: number;
  durationS: number;
  /** Fixed-rate run: events/s. */
  rate?: number;
  pacing?: Pacing;
  /** Count a 2xx as good only when the ingest answered `accepted`. */
  expectAccepted: boolean;
  /** Max-throughput runs only: `wrk` runs them with Debian's wrk (see wrk-load.ts). */
  generator?: Generator;
  /** Called with the pid of an external load generator, for its CPU figures. */
  onLoadGeneratorPid?: (pid: number) => void;
}

export interface LoadResult {
  label: string;
  connection: ConnectionMode;
  connections: number;
  targetRate: number | null;
  pacing: Pacing | null;
  durationS: number;
  responses: number;
  /** 2xx responses that were also `accepted` (ingest) or 2xx (baseline). */
  good: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  notAccepted: number;
  statusCodes: Record<string, number>;
  eventsPerSecond: number;
  /** From the request write (autocannon's measure, at full float precision). */
  latencyMs: LatencySummary;
  /** Fixed-rate smooth runs: from the scheduled send time. */
  scheduledLatencyMs: LatencySummary | null;
  /**
   * Fixed-rate smooth runs: from the scheduled send time, minus the time this load generator itself
   * was late to send although the connection was free (its own event loop was busy: it shares the
   * CPU with the server here, unlike EventBridge). Waiting for a slow previous response still counts.
   */
  serverLatencyMs: LatencySummary | null;
  /** Sends that left more than 5 ms after their scheduled time, for any reason. */
  lateSends: number | null;
  /** Of those, sends the generator was late for (the connection was free in time): its own lag. */
  generatorLateSends: number | null;
  loadGenerator: { cpuPercent: number; eventLoopDelayP99Ms: number };
}
