// Benchmark knobs: `--name=value` (or `--name value`) on the command line, else BENCH_<NAME> in the env.

export type ConnectionMode = 'keep-alive' | 'close';
export type Pacing = 'smooth' | 'autocannon';
export type Generator = 'autocannon' | 'wrk';

export interface BenchOptions {
  /** Seconds of each measured max-throughput run. */
  durationS: number;
  /** Seconds of warm-up before each measured run (not recorded). */
  warmupS: number;
  connections: number;
  modes: ConnectionMode[];
  /** Also measure the durable route: the bare route plus the spool's synced append. */
  durable: boolean;
  /** Events/s of the fixed-rate run against the ingest. */
  rate: number;
  /** 0 skips the fixed-rate run. */
  rateDurationS: number;
  rateConnections: number;
  rateConnection: ConnectionMode;
  pacing: Pacing;
  /** Distinct SES envelopes rotated through (each request still gets a fresh EventBridge id). */
  poolSize: number;
  /** Load generator of the max-throughput runs (the fixed-rate run always uses paced autocannon). */
  generator: Generator;
  /** Run the ingest child with --cpu-prof and summarize the profile. */
  cpuProfile: boolean;
  /** Longest wait for the loader to write every accepted row to ClickHouse. */
  drainTimeoutS: number;
  /** "Memory flat" means the fitted RSS slope of the fixed-rate run stays within this. */
  rssSlopeLimitMbPerMin: number;
}

interface Spec {
  key: keyof BenchOptions;
  default: string;
  help: string;
  parse: (raw: string) => BenchOptions[keyof BenchOptions];
}

const number = (min: number) => (raw: string) => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`expected a number >= ${min}, got "${raw}"`);
  return value;
};
const integer = (min: number) => (raw: string) => {
  const value = number(min)(raw);
  if (!Number.isInteger(value)) throw new Error(`expected an integer, got "${raw}"`);
  return value;
};
const oneOf =
  <T extends string>(...allowed: T[]) =>
  (raw: string): T => {
    if (!(allowed as string[]).includes(raw)) throw new Error(`expected one of ${allowed.join('|')}`);
    return raw as T;
  };
const modeList = (raw: string): ConnectionMode[] =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(oneOf<ConnectionMode>('keep-alive', 'close'));
const flag = (raw: string) => ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());

const SPECS: Record<string, Spec> = {
  duration: { key: 'durationS', default: '20', help: 'seconds per max-throughput run', parse: number(1) },
  warmup: {
    key: 'warmupS',
    default: '3',
    help: 'warm-up seconds before each run (0: none)',
    parse: number(0),
  },
  connections: { key: 'connections', default: '50', help: 'concurrent connections', parse: integer(1) },
  modes: {
    key: 'modes',
    default: 'keep-alive,close',
    help: 'max-throughput connection modes to run',
    parse: modeList,
  },
  rate: { key: 'rate', default: '2000', help: 'events/s of the fixed-rate run', parse: number(1) },
  'rate-duration': {
    key: 'rateDurationS',
    default: '60',
    help: 'seconds of the fixed-rate run (0: skip)',
    parse: number(0),
  },
  'rate-connections': {
    key: 'rateConnections',
    default: '200',
    help: 'connection slots of the fixed-rate run (each sends every slots/rate s: open-loop while latency < that)',
    parse: integer(1),
  },
  'rate-connection': {
    key: 'rateConnection',
    default: 'close',
    help: 'keep-alive|close for the fixed-rate run (EventBridge closes every connection)',
    parse: oneOf<ConnectionMode>('keep-alive', 'close'),
  },
  pacing: {
    key: 'pacing',
    default: 'smooth',
    help: 'smooth (evenly spaced sends) | autocannon (its overallRate: each second starts with a burst)',
    parse: oneOf<Pacing>('smooth', 'autocannon'),
  },
  generator: {
    key: 'generator',
    default: 'autocannon',
    help: 'autocannon (in this process) | wrk (Debian wrk, lighter on the shared cores) for max-throughput runs',
    parse: oneOf<Generator>('autocannon', 'wrk'),
  },
  pool: { key: 'poolSize', default: '5000', help: 'distinct envelopes in the body pool', parse: integer(1) },
  durable: {
    key: 'durable',
    default: '1',
    help: "also measure the durable route (bare route + the spool's synced append) (1/0)",
    parse: flag,
  },
  'cpu-prof': { key: 'cpuProfile', default: '0', help: 'CPU-profile the ingest child (1/0)', parse: flag },
  'drain-timeout': {
    key: 'drainTimeoutS',
    default: '180',
    help: 'seconds to wait for the loader to catch up',
    parse: number(1),
  },
  'rss-slope-limit': {
    key: 'rssSlopeLimitMbPerMin',
    default: '5',
    help: 'MB/min of growth still counted as flat (RSS: beyond 2 std. errors of its slope; retained heap)',
    parse: number(0),
  },
};

export function usage(): string {
  const lines = Object.entries(SPECS).map(
    ([name, spec]) =>
      `  --${name.padEnd(18)} BENCH_${envName(name).padEnd(18)} ${spec.help} (default ${spec.default})`,
  );
  return `Usage: npm run bench:ingest -- [options]\n${lines.join('\n')}`;
}

function envName(name: string): string {
  return name.toUpperCase().replaceAll('-', '_');
}

export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const cli = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !(match[1]! in SPECS)) throw new Error(`unknown argument "${arg}"\n${usage()}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    cli.set(match[1]!, value);
  }
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(SPECS)) {
    const raw = cli.get(name) ?? env[`BENCH_${envName(name)}`] ?? spec.default;
    try {
      options[spec.key] = spec.parse(raw);
    } catch (error) {
      throw new Error(`--${name}: ${(error as Error).message}`);
    }
  }
  return options as unknown as BenchOptions;
}
