// Detail sections printed after the table: the fixed-rate run, correctness, noise.
import type { Verification } from './ingest-checks.ts';
import type { LoadResult } from './load.ts';
import { fmt, type MemoryVerdict, modeLabel, type RunRecord, signed } from './report.ts';

export function printRateDetails(run: RunRecord, memory: MemoryVerdict): void {
  const { load } = run;
  const line = (name: string, q: LoadResult['latencyMs']) =>
    console.log(
      `  ${name.padEnd(28)} p50 ${q.p50} / p97.5 ${q.p975} / p99 ${q.p99} / p99.9 ${q.p999} / max ${q.max} ms`,
    );
  console.log(
    `\nFixed-rate run (${load.pacing} pacing, ${load.connections} connections, ${modeLabel(load.connection)}):`,
  );
  if (load.serverLatencyMs) line('from schedule, generator lag out:', load.serverLatencyMs);
  if (load.scheduledLatencyMs) line('from scheduled send (raw):', load.scheduledLatencyMs);
  line('from request write:', load.latencyMs);
  console.log(
    `  server: ack p99 <= ${run.serverAckP99BoundMs ?? '?'} ms (histogram bucket), event-loop delay ` +
      `p99 ${run.serverLoopDelayMs?.p99 ?? '?'} / max ${run.serverLoopDelayMs?.max ?? '?'} ms; ` +
      `sends late > 5 ms: ${load.lateSends ?? 'n/a'} (${load.generatorLateSends ?? 'n/a'} by the generator's own lag); ` +
      `load-generator loop delay p99 ${load.loadGenerator.eventLoopDelayP99Ms} ms`,
  );
  const backlog = Math.max(0, ...run.samples.map((x) => x.backlogRows ?? 0));
  console.log(
    `  RSS ${memory.firstMb} -> ${memory.lastMb} MB (max ${memory.maxMb}), slope ${signed(memory.slopeMbPerMin)} ± ${memory.slopeStdErrMbPerMin} (std. error) MB/min; ` +
      `max loader backlog ${fmt(backlog)} rows`,
  );
  console.log(
    `  of which V8 heap in use ${memory.heapFirstMb} -> ${memory.heapLastMb} MB (${signed(memory.heapSlopeMbPerMin ?? 0)} MB/min), ` +
      `outside the V8 heap (chDB, buffers) ${memory.nonHeapFirstMb} -> ${memory.nonHeapLastMb} MB ` +
      `(${signed(memory.nonHeapSlopeMbPerMin ?? 0)} MB/min)`,
  );
  const r = memory.retainedHeap;
  if (r)
    console.log(
      `  heap retained after full GC: ${r.beforeMb} -> ${r.afterMb} MB over ${fmt(r.events)} events ` +
        `(${r.bytesPerEvent} B/event)`,
    );
}

export function printVerification(v: Verification): void {
  console.log('\nCorrectness (after the runs):');
  console.log(
    `  events accepted: server ${fmt(v.eventsAccepted)}, clients ${fmt(v.clientAccepted)}; rows accepted ` +
      `${fmt(v.rowsAccepted)}, written ${fmt(v.rowsWritten)}, in ClickHouse ${v.rowsInClickhouse === null ? '?' : fmt(v.rowsInClickhouse)}` +
      ` -> ${v.ok ? 'OK' : 'FAILED'}`,
  );
  console.log(
    `  loader: ${v.loader.batches} inserts, avg ${fmt(v.loader.avgRowsPerBatch)} rows, ` +
      `${fmt(v.loader.insertRowsPerSecond)} rows/s while inserting (${v.loader.insertSeconds} s in inserts); ` +
      `final backlog ${v.finalBacklogRows} rows, ${v.finalBufferBytes} B, ${v.finalBufferSegments} segments`,
  );
  for (const problem of v.problems) console.log(`  PROBLEM: ${problem}`);
}

/** Other processes competing for the 2 cores make a run's figures unreliable: say so. */
export function printNoise(runs: RunRecord[]): void {
  const noisy = runs.filter((r) => r.otherCpuPercent > 15);
  for (const run of noisy)
    console.log(`  NOTE: other processes used ${run.otherCpuPercent}% of a core during "${run.load.label}"`);
}
