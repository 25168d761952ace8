// `--generator=wrk`: the max-throughput runs driven by Debian's wrk (C, one thread) instead of
// autocannon (JavaScript, in this process), so the load generator takes less of the 2 cores the servers
// share. Same body pool and a fresh EventBridge id per request (wrk-body.lua); 2xx answers count as
// good (wrk does not read bodies; the ingest's own counters and the final check verify acceptance).
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadResult, LoadSpec } from './load-types.ts';
import { round } from './stats.ts';

let bodiesFile: { pool: LoadSpec['pool']; file: string } | undefined;

function bodiesFor(pool: LoadSpec['pool']): string {
  if (bodiesFile?.pool !== pool) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sendops-wrk-'));
    const file = path.join(dir, 'bodies.txt');
    writeFileSync(
      file,
      `${pool.bodies.map((b, i) => `${pool.idOffsets[i]} ${b.toString('utf8')}`).join('\n')}\n`,
    );
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    bodiesFile = { pool, file };
  }
  return bodiesFile.file;
}

export async function runWrk(spec: LoadSpec, onPid?: (pid: number) => void): Promise<LoadResult> {
  if (spec.pool.bodies.some((b) => b.includes(0x0a)))
    throw new Error('wrk needs bodies without newlines (one per line in its body file)');
  const child = spawn(
    'wrk',
    [
      '-t1',
      `-c${spec.connections}`,
      `-d${spec.durationS}s`,
      '--timeout',
      '10s',
      '-s',
      path.join(import.meta.dirname, 'wrk-body.lua'),
      spec.baseUrl,
    ],
    {
      env: {
        ...process.env,
        WRK_BODIES: bodiesFor(spec.pool),
        WRK_API_KEY: spec.apiKey,
        WRK_CONNECTION: spec.connection,
        WRK_PREFIX: String(randomInt(2 ** 32)),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  child.once('error', () => {});
  if (child.pid !== undefined) onPid?.(child.pid);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) =>
      reject(new Error(`wrk did not start (apt-get install wrk): ${error.message}`)),
    );
    child.once('exit', resolve);
  });
  const json = /WRK_JSON (\{.*\})/.exec(out)?.[1];
  if (code !== 0 || !json) throw new Error(`wrk failed (exit ${code}):\n${out}`);
  const w = JSON.parse(json) as Record<string, number>;
  const seconds = w.durationUs! / 1e6;
  const errors = w.connect! + w.read! + w.write!;
  const good = w.requests! - w.non2xx!;
  const ms = (us: number) => round(us / 1000);
  return {
    label: spec.label,
    connection: spec.connection,
    connections: spec.connections,
    targetRate: null,
    pacing: null,
    durationS: round(seconds, 1),
    responses: w.requests!,
    good,
    non2xx: w.non2xx!,
    errors,
    timeouts: w.timeout!,
    notAccepted: 0,
    statusCodes: {},
    eventsPerSecond: round(good / seconds, 0),
    latencyMs: {
      count: w.requests!,
      mean: ms(w.meanUs!),
      p50: ms(w.p50Us!),
      p975: ms(w.p975Us!),
      p99: ms(w.p99Us!),
      p999: ms(w.p999Us!),
      max: ms(w.maxUs!),
    },
    scheduledLatencyMs: null,
    serverLatencyMs: null,
    lateSends: null,
    generatorLateSends: null,
    // Filled in by the caller from the process sampler (wrk is a separate process).
    loadGenerator: { cpuPercent: 0, eventLoopDelayP99Ms: 0 },
  };
}
