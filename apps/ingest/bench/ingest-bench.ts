// Ingest throughput/latency benchmark: `npm run bench:ingest -- [--duration=20 ...]` (see --help).
// The ingest (embedded Postgres + chDB, fsync on), a bare Fastify baseline and (unless --durable=0) that
// baseline plus the spool's synced append each run in a child process;
// autocannon drives them from this process (or, with --generator=wrk, Debian's wrk drives the max-throughput
// runs; the fixed-rate run always uses paced autocannon). Prints a table and PASS/FAIL per target, writes
// bench-results/ingest-<timestamp>.json. Exits non-zero only on errors, not on missed targets.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchOptions, type ConnectionMode, parseBenchOptions, usage } from './bench-options.ts';
import { type ChildHandle, cleanup, onCleanup, startChild, stopOrphanPostgres } from './children.ts';
import { printProfileSummary } from './cpu-profile-summary.ts';
import { counters, preflight, verify, waitForLoader } from './ingest-checks.ts';
import { abortLoad, type LoadSpec, runLoad } from './load.ts';
import { type BodyPool, buildBodyPool } from './payloads.ts';
import type { BenchServer } from './report.ts';
import * as report from './report.ts';
import { printNoise, printRateDetails, printVerification } from './report-details.ts';
import { ackP99BoundMs, ProcessSampler } from './sampler.ts';

const benchDir = import.meta.dirname;
const repoRoot = path.resolve(benchDir, '../../..');
let aborted = false;

function checkpoint(): void {
  if (aborted) throw new Error('interrupted');
}

async function main(options: BenchOptions, stamp: string, profileDir: string | undefined): Promise<boolean> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sendops-ingest-bench-'));
  chmodSync(dataDir, 0o711); // as root, the embedded Postgres runs as `postgres` and must traverse it
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  onCleanup('remove temp dir', removeDir, removeDir);
  const clusterDir = path.join(dataDir, 'pg', 'postgres');
  onCleanup('stop orphaned postgres', () => stopOrphanPostgres(clusterDir));

  const cpus = os.cpus();
  console.log(
    `SendOps ingest benchmark — ${cpus.length} × ${cpus[0]?.model.trim()}, node ${process.version}, ` +
      `data in ${dataDir}`,
  );
  const pool = await buildBodyPool(options.poolSize);
  const types = Object.entries(pool.detailTypes).map(([t, n]) => `${t} ${n}`);
  console.log(
    `payloads: ${pool.bodies.length} ${pool.source} envelopes, avg ${pool.averageBytes} B (${types.join(', ')}); ` +
      `max-throughput load generator: ${options.generator}`,
  );

  const ingest = await startChild('ingest', path.join(benchDir, 'ingest-server.ts'), {
    env: { BENCH_DATA_DIR: dataDir, BENCH_ORGANIZATION: JSON.stringify(pool.organization) },
    execArgv: ['--expose-gc'],
    readyTimeoutMs: 180_000,
    stopGraceMs: 30_000,
  });
  const bare = await startChild('bare', path.join(benchDir, 'bare-server.ts'), {
    readyTimeoutMs: 60_000,
    stopGraceMs: 5_000,
  });
  const durable = options.durable
    ? await startChild('durable', path.join(benchDir, 'durable-route-server.ts'), {
        env: { BENCH_SPOOL_DIR: path.join(dataDir, 'durable-route-spool') },
        readyTimeoutMs: 60_000,
        stopGraceMs: 5_000,
      })
    : undefined;
  const ingestUrl = ingest.ready.url as string;
  const bareUrl = bare.ready.url as string;
  const apiKey = ingest.ready.apiKey as string;
  const settings = ingest.ready.settings as { fsync: boolean };
  if (settings.fsync !== true)
    throw new Error('the ingest child runs without fsync; expected production settings');
  console.log(
    `ingest ${ingestUrl} (pid ${ingest.pid}, fsync on), bare route ${bareUrl} (pid ${bare.pid})` +
      (durable ? `, durable route ${durable.ready.url} (pid ${durable.pid})` : ''),
  );
  const baselines: Record<string, string> = { bare: bareUrl };
  if (durable) baselines.durable = durable.ready.url as string;
  await preflight(ingestUrl, baselines, apiKey, pool);
  let clientAccepted = Object.keys(pool.firstOfType).length;

  const servers: Partial<Record<BenchServer, { url: string; pid: number }>> = {
    bare: { url: bareUrl, pid: bare.pid },
    ingest: { url: ingestUrl, pid: ingest.pid },
    ...(durable ? { durable: { url: durable.ready.url as string, pid: durable.pid } } : {}),
  };
  const load = (server: BenchServer, extra: Partial<LoadSpec> & { label: string }) =>
    runLoad({
      baseUrl: servers[server]!.url,
      apiKey,
      pool,
      connection: 'keep-alive',
      connections: options.connections,
      durationS: options.durationS,
      generator: options.generator,
      expectAccepted: server === 'ingest',
      ...extra,
    }).then((result) => {
      if (server === 'ingest') clientAccepted += result.good;
      return result;
    });

  const runs: report.RunRecord[] = [];
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const measure = async (server: BenchServer, spec: Partial<LoadSpec> & { label: string }) => {
    checkpoint();
    const before = server === 'ingest' ? await counters(ingestUrl) : undefined;
    if (before) await ingest.request('loop', 'LOOP', 10_000); // resets the server's loop-delay histogram
    const profile =
      before && profileDir ? path.join(profileDir, `${slug(spec.label)}.cpuprofile`) : undefined;
    if (profile) await ingest.request('profile start', 'PROFILE', 10_000);
    const sampler = new ProcessSampler(servers[server]!.pid, server === 'ingest' ? ingestUrl : undefined);
    sampler.start();
    const result = await load(server, {
      ...spec,
      onLoadGeneratorPid: (pid) => sampler.addLoadGenerator(pid),
    });
    const record = report.summarizeRun(server, result, await sampler.stop());
    if (options.generator === 'wrk' && !spec.rate) {
      const busy = record.samples.slice(1);
      result.loadGenerator.cpuPercent = Math.round(
        busy.reduce((sum, s) => sum + s.loadGenCpuPercent, 0) / Math.max(1, busy.length),
      );
    }
    if (profile) {
      await ingest.request(`profile stop ${profile}`, 'PROFILE', 30_000);
      profiles.push({ file: profile, events: result.good });
    }
    if (sampler.threadCpu) record.threadCpu = sampler.threadCpu;
    checkpoint();
    if (before) {
      record.serverAckP99BoundMs = ackP99BoundMs(before, await counters(ingestUrl));
      record.serverLoopDelayMs = JSON.parse(await ingest.request('loop', 'LOOP', 10_000));
      const drain = await waitForLoader(ingestUrl, options.drainTimeoutS);
      record.drain = { backlogRows: drain.backlogRows, seconds: drain.seconds };
    }
    runs.push(record);
    const latency = report.rateLatency(result);
    console.log(
      `  ${spec.label.padEnd(34)} ${report.fmt(result.eventsPerSecond).padStart(7)} ev/s  ` +
        `p50 ${latency.p50} ms  p99 ${latency.p99} ms  non-2xx ${result.non2xx}  errors ${result.errors}` +
        (server === 'ingest' ? `  not accepted ${result.notAccepted}` : '') +
        `  CPU server ${record.serverCpuPercent}% load-gen ${result.loadGenerator.cpuPercent}% other ${record.otherCpuPercent}%` +
        (record.serverLoopDelayMs
          ? `  server loop delay p99 ${record.serverLoopDelayMs.p99} max ${record.serverLoopDelayMs.max} ms`
          : '') +
        (record.drain
          ? `  backlog ${record.drain.backlogRows} rows drained in ${record.drain.seconds} s`
          : ''),
    );
    return record;
  };

  for (const mode of options.modes) {
    for (const server of Object.keys(servers).sort(byDesign) as BenchServer[]) {
      const label = `${server} ${report.modeLabel(mode)}`;
      if (options.warmupS > 0) {
        checkpoint();
        await load(server, { label: `${label} warm-up`, connection: mode, durationS: options.warmupS });
        if (server === 'ingest') await waitForLoader(ingestUrl, options.drainTimeoutS);
      }
      await measure(server, { label, connection: mode as ConnectionMode });
    }
  }

  let rateRun: report.RunRecord | undefined;
  let memory: report.MemoryVerdict | undefined;
  if (options.rateDurationS > 0) {
    const rateConnections = Math.max(1, Math.min(options.rateConnections, Math.floor(options.rate * 2)));
    const heapBefore = await retainedHeap(ingest);
    const acceptedBefore = (await counters(ingestUrl)).eventsByOutcome.accepted ?? 0;
    const spec = {
      label: `ingest @ ${report.fmt(options.rate)}/s ${report.modeLabel(options.rateConnection)}`,
      connection: options.rateConnection,
      connections: rateConnections,
      rate: options.rate,
      pacing: options.pacing,
    };
    // The warm-up (>= 10 s) also lets the heap regrow after the forced GC: RSS is measured in steady state.
    const warmupS = Math.max(10, options.warmupS);
    if (options.warmupS > 0) await load('ingest', { ...spec, label: 'rate warm-up', durationS: warmupS });
    rateRun = await measure('ingest', { ...spec, durationS: options.rateDurationS });
    const heapAfter = await retainedHeap(ingest);
    const events = (await counters(ingestUrl)).eventsByOutcome.accepted! - acceptedBefore;
    memory = report.memoryVerdict(rateRun.samples, { before: heapBefore, after: heapAfter, events });
  }

  checkpoint();
  const verification = await verify(ingest, ingestUrl, clientAccepted, options.drainTimeoutS);
  const targets = report.evaluateTargets(options, runs, rateRun, memory);

  console.log('');
  report.printTable(runs);
  report.printDurabilityLadder(runs);
  report.printLegend();
  report.printCpuBreakdown(runs);
  console.log('\nTargets (figures from this run):');
  report.printTargets(targets);
  if (rateRun) printRateDetails(rateRun, memory!);
  printVerification(verification);
  printNoise(runs);

  const file = path.join(repoRoot, 'bench-results', `ingest-${stamp}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        startedAt: new Date(stampToDate(stamp)).toISOString(),
        finishedAt: new Date().toISOString(),
        machine: {
          cpus: cpus.length,
          cpuModel: cpus[0]?.model,
          memoryGb: Math.round(os.totalmem() / 2 ** 30),
          node: process.version,
          kernel: os.release(),
        },
        options,
        payloads: describePool(pool),
        ingestSettings: ingest.ready.settings,
        runs,
        memory,
        targets,
        verification,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
  return verification.ok;
}

const DESIGN_ORDER: BenchServer[] = ['bare', 'durable', 'ingest'];
const byDesign = (a: string, b: string) =>
  DESIGN_ORDER.indexOf(a as BenchServer) - DESIGN_ORDER.indexOf(b as BenchServer);

const slug = (label: string) =>
  label
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

/** Heap still referenced after a full GC, in the ingest child. */
async function retainedHeap(ingest: ChildHandle): Promise<number> {
  return (JSON.parse(await ingest.request('heap', 'HEAP', 30_000)) as { heapUsedMb: number }).heapUsedMb;
}

function describePool(pool: BodyPool) {
  return {
    source: pool.source,
    envelopes: pool.bodies.length,
    averageBytes: pool.averageBytes,
    detailTypes: pool.detailTypes,
  };
}

const stampToDate = (stamp: string) => stamp.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d+)Z$/, 'T$1:$2:$3.$4Z');

function onSignal(signal: NodeJS.Signals): void {
  if (aborted) {
    console.error('forced exit');
    process.exit(130); // the 'exit' hooks still kill children and remove the temp dir
  }
  aborted = true;
  console.error(`\n${signal}: stopping the load, the servers and removing the temp data...`);
  abortLoad();
  void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(usage());
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
let exitCode = 0;
let profileDir: string | undefined;
/** One main-thread profile per measured ingest run, covering only its load window. */
const profiles: { file: string; events: number }[] = [];
try {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  profileDir = options.cpuProfile
    ? path.join(repoRoot, 'bench-results', `ingest-${stamp}-cpuprof`)
    : undefined;
  if (!(await main(options, stamp, profileDir))) exitCode = 1;
} catch (error) {
  if (!aborted) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    exitCode = 1;
  }
} finally {
  await cleanup();
}
if (profileDir && !aborted) {
  try {
    for (const { file, events } of profiles) printProfileSummary(file, 25, events);
  } catch (error) {
    console.error(`no CPU profile: ${(error as Error).message}`);
  }
}
if (!aborted) process.exit(exitCode);
