// Summarizes a V8 .cpuprofile (node --cpu-prof) of the ingest's main thread: where its time goes, by
// package/file and by function (self and inclusive). chDB's own threads and libuv's fsync threads are
// not in it. CLI: `tsx apps/ingest/bench/cpu-profile-summary.ts <file.cpuprofile> [top] [events]`.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  gcMs: number;
  /** Exclusive: each sample goes to the innermost frame that belongs to a known ingest stage. */
  byStage: [string, number][];
  byCategory: [string, number][];
  bySelf: [string, number][];
  byInclusive: [string, number][];
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

type Frame = ProfileNode['callFrame'];
const fn = (name: string, file: string) => (f: Frame) => f.functionName === name && f.url.includes(file);
const file = (pattern: RegExp) => (f: Frame) => pattern.test(f.url);

/** Ingest stages, matched from the innermost frame outwards; node internals not listed here are skipped. */
const STAGES: [string, (f: Frame) => boolean][] = [
  ['GC', (f) => f.functionName === '(garbage collector)'],
  ['loader: chDB insert call (JS string -> native, sync part)', file(/node_modules\/chdb\//)],
  ['loader: JSONEachRow encoding (@clickhouse/client)', file(/node_modules\/@clickhouse\//)],
  ['loader: decode spool segment (JSON.parse per record)', fn('decodeSegment', 'segment-format')],
  ['loader: other (read file, rebuild rows)', file(/spool-loader\.ts|analytics\/src\/event-writer/)],
  [
    'request: spool record line (bytes + crc32)',
    (f) =>
      (f.functionName === 'encodeLine' || f.functionName === 'encodeRecord') &&
      f.url.includes('segment-format'),
  ],
  ['request: spool group commit (queue, writev with O_DSYNC)', file(/spool\/spool\.ts/)],
  [
    'request: rows as JSONEachRow (encodeEventRows, recipients, time formatting)',
    file(/encode-event-rows|to-event-rows|event-row\.ts|recipients|mail-fields|template|providers|address/),
  ],
  ['request: validate envelope (schema)', file(/parse-eventbridge-body|compiled-schemas|schema|typebox/)],
  ['request: managed identity + channel match', file(/identity-directory|ses-events\/src\/identity/)],
  ['request: dedupe window', file(/dedupe-window/)],
  ['request: authenticate (sha256 of the key)', file(/key-authenticator/)],
  ['request: pino child logger per request', file(/node_modules\/pino\//)],
  ['request: prom-client counters/histogram', file(/node_modules\/prom-client\//)],
  ['request: JSON.parse of the body + pipeline glue', file(/event-pipeline/)],
  ['request: route handler glue', file(/eventbridge-route/)],
  [
    'HTTP: Fastify (routing, hooks, reply, serializer)',
    file(/node_modules\/(fastify|fast-json-stringify|find-my-way|avvio|light-my-request)\//),
  ],
  [
    'HTTP: Node http/net (parser, socket writes, accept)',
    file(/^node:(_http_|net|internal\/stream_base_commons|internal\/http)/),
  ],
];
const META = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

function shortUrl(url: string): string {
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  return file.startsWith(repoRoot) ? file.slice(repoRoot.length + 1) : file;
}

export function category(frame: ProfileNode['callFrame']): string {
  if (META.has(frame.functionName) && frame.url === '') return frame.functionName;
  const url = shortUrl(frame.url);
  if (url === '') return '(native / V8 builtins)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 13).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('apps/') || url.startsWith('packages/')) return url;
  return url;
}

function functionKey(frame: ProfileNode['callFrame']): string {
  const url = shortUrl(frame.url);
  const name = frame.functionName || '(anonymous)';
  return url === '' ? name : `${name}  ${url}:${frame.lineNumber + 1}`;
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const categories = new Map<string, number>();
  const stages = new Map<string, number>();
  let totalMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]!);
    if (!node || ms <= 0) continue;
    totalMs += ms;
    add(self, functionKey(node.callFrame), ms);
    add(categories, category(node.callFrame), ms);
    if (node.callFrame.functionName !== '(idle)') add(stages, stageOf(node.id, byId, parent), ms);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (META.has(frame.functionName)) continue;
      const key = functionKey(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, ms);
    }
  }
  const sorted = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    totalMs,
    idleMs: categories.get('(idle)') ?? 0,
    gcMs: categories.get('(garbage collector)') ?? 0,
    byStage: sorted(stages, STAGES.length + 1),
    byCategory: sorted(categories, top),
    bySelf: sorted(self, top),
    byInclusive: sorted(inclusive, top),
  };
}

function stageOf(leaf: number, byId: Map<number, ProfileNode>, parent: Map<number, number>): string {
  for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
    const frame = byId.get(id)!.callFrame;
    const stage = STAGES.find(([, match]) => match(frame));
    if (stage) return stage[0];
  }
  return 'other (startup, timers, /metrics, native without JS caller)';
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

/** `events`: events answered during the profiled window, to print µs of main-thread time per event. */
export function printProfileSummary(file: string, top = 25, events = 0): void {
  const s = summarizeProfile(file, top);
  const busy = s.totalMs - s.idleMs;
  const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1).padStart(5)}%`;
  const perEvent = (ms: number) =>
    events > 0 ? `${((ms * 1000) / events).toFixed(1).padStart(6)} µs/ev  ` : '';
  const table = (title: string, rows: [string, number][]) => {
    console.log(`\n  ${title}`);
    for (const [key, ms] of rows.filter(([k]) => k !== '(idle)')) {
      console.log(`    ${pct(ms)}  ${(ms / 1000).toFixed(1).padStart(7)} s  ${perEvent(ms)}${key}`);
    }
  };
  console.log(`\nCPU profile ${file}`);
  console.log(
    `  main thread: ${(s.totalMs / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy ` +
      `(${((busy / s.totalMs) * 100).toFixed(0)}%), GC ${pct(s.gcMs).trim()} of busy; percentages are of busy time` +
      (events > 0 ? `; ${events} events, ${perEvent(busy).trim()} busy` : ''),
  );
  table('ingest stages (exclusive)', s.byStage);
  table('self time by package / file', s.byCategory);
  table('self time by function', s.bySelf);
  table('inclusive time by function', s.byInclusive);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx apps/ingest/bench/cpu-profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  printProfileSummary(file, Number(process.argv[3] ?? 25), Number(process.argv[4] ?? 0));
}
