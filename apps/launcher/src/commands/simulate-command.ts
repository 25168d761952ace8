import { randomUUID } from 'node:crypto';
import type { SendOpsConfig } from '@sendops/config';
import {
  addChannel,
  addIdentity,
  createOrganization,
  type Database,
  listChannels,
  listManagedIdentities,
} from '@sendops/db';
import {
  type BulkOrganization,
  bulkLoad,
  DEFAULT_CHANNELS,
  organizationFromIdentities,
  postEvents,
} from '@sendops/simulator';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { printResult, UsageError } from '../cli-output.ts';
import { readRunningState } from '../runtime-state.ts';
import { openAnalytics, openControlPlane } from '../stores.ts';

interface SimulateOptions {
  org?: string[];
  apiKey?: string;
  url?: string;
  rate: string;
  duration?: string;
  count?: string;
  connectionClose?: boolean;
  bulk?: string;
  orgs: string;
  days: string;
  seed?: string;
  json?: boolean;
}

type ConfigFor = (command: Command) => SendOpsConfig;

/**
 * `sendops simulate`: realistic SES traffic. Post mode sends EventBridge envelopes for an organization's
 * managed identities to an ingest URL at a steady rate (what the demo and the load benchmark use);
 * `--bulk N` loads N events straight into ClickHouse for query benchmarks.
 */
export function registerSimulateCommand(program: Command, configFor: ConfigFor): void {
  program
    .command('simulate')
    .description(
      'simulated SES traffic: post to the ingest at a rate, or --bulk load N events into ClickHouse',
    )
    .option('--org <id...>', 'organization(s) whose managed identities and channels the traffic uses')
    .option('--api-key <key>', "post mode: the organization's ingest API key")
    .option('--url <url>', 'post mode: ingest URL (default: the running sendops)')
    .option('--rate <events-per-second>', 'post mode: steady rate', '50')
    .option('--duration <seconds>', 'post mode: stop after this long')
    .option('--count <events>', 'post mode: stop after this many events')
    .option('--connection-close', 'post mode: a new connection per request, as EventBridge does')
    .option('--bulk <events>', 'bulk mode: load this many events straight into ClickHouse')
    .option('--orgs <n>', 'bulk mode without --org: create this many simulated organizations', '5')
    .option('--days <n>', 'bulk mode: spread the history over the last N days', '30')
    .option('--seed <n>', 'random seed (same seed, same traffic)')
    .option('--json', 'print JSON')
    .action(async (options: SimulateOptions, command: Command) => {
      const config = configFor(command);
      if (options.bulk !== undefined) await runBulk(config, options);
      else await runPost(config, options);
    });
}

function positive(value: string | undefined, flag: string, { integer = true } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag} must be a positive ${integer ? 'integer' : 'number'}`);
  }
  return n;
}

async function runPost(config: SendOpsConfig, options: SimulateOptions): Promise<void> {
  const rate = positive(options.rate, '--rate', { integer: false })!;
  const durationS = positive(options.duration, '--duration', { integer: false });
  const count = positive(options.count, '--count');
  const seed = positive(options.seed, '--seed');
  if (!options.apiKey || options.org?.length !== 1) {
    throw new UsageError('post mode needs --org ID and --api-key KEY (the key `org create` printed)');
  }
  if (durationS === undefined && count === undefined)
    throw new UsageError('post mode needs --duration or --count');
  const url = options.url ?? readRunningState(config.dataDir)?.ingestUrl;
  if (!url) throw new UsageError('no --url given and no running sendops found on this data directory');

  const organizationId = options.org[0]!;
  const handle = await openControlPlane(config, { migrate: false });
  let profile: ReturnType<typeof organizationFromIdentities>;
  try {
    profile = await organizationProfile(handle.db, organizationId);
  } finally {
    await handle.close();
  }
  const result = await postEvents({
    url,
    apiKey: options.apiKey,
    rate,
    organizations: [profile],
    ...(durationS !== undefined ? { durationMs: durationS * 1000 } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(seed !== undefined ? { seed } : {}),
    connectionClose: Boolean(options.connectionClose),
  });
  printResult(
    Boolean(options.json),
    result,
    `posted ${result.sent} events in ${(result.elapsedMs / 1000).toFixed(1)} s: ${result.ok} acknowledged, ${result.failed} failed, ` +
      `${result.retries} retries; p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms; ` +
      `statuses ${JSON.stringify(result.statusCounts)}`,
  );
  if (result.failed > 0) process.exitCode = 1;
}

async function organizationProfile(db: Kysely<Database>, organizationId: string) {
  const [identities, channels] = await Promise.all([
    listManagedIdentities(db, organizationId),
    listChannels(db, organizationId),
  ]);
  if (identities.length === 0) {
    throw new UsageError(
      `organization ${organizationId} has no managed identities: add one with \`sendops identity add\``,
    );
  }
  return organizationFromIdentities({
    identities: identities.map((i) => i.value),
    configurationSets: channels.length > 0 ? channels.map((c) => c.configuration_set) : ['sendops-events'],
  });
}

async function runBulk(config: SendOpsConfig, options: SimulateOptions): Promise<void> {
  const events = positive(options.bulk, '--bulk')!;
  const days = positive(options.days, '--days')!;
  const orgCount = positive(options.orgs, '--orgs')!;
  const seed = positive(options.seed, '--seed') ?? 1;
  const store = await openAnalytics(config, { migrate: true });
  const handle = await openControlPlane(config, { migrate: true });
  try {
    const organizations = options.org?.length
      ? await Promise.all(options.org.map((id) => bulkOrganization(handle.db, id)))
      : await createBulkOrganizations(handle.db, orgCount);
    const to = new Date();
    let lastReport = 0;
    const result = await bulkLoad({
      store,
      organizations,
      events,
      from: new Date(to.getTime() - days * 86_400_000),
      to,
      seed,
      onProgress: (progress) => {
        if (options.json || progress.elapsedMs - lastReport < 2_000) return;
        lastReport = progress.elapsedMs;
        process.stderr.write(
          `  ${progress.events} events, ${progress.rows} rows, ${Math.round(progress.rowsPerSecond)} rows/s\n`,
        );
      },
    });
    printResult(
      Boolean(options.json),
      { ...result, organizations: organizations.map((o) => o.organizationId) },
      `loaded ${result.events} events (${result.rows} rows) for ${organizations.length} organizations in ` +
        `${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round(result.rowsPerSecond)} rows/s)`,
    );
  } finally {
    await handle.close();
    await store.client.close();
  }
}

async function bulkOrganization(db: Kysely<Database>, organizationId: string): Promise<BulkOrganization> {
  const [identities, channels] = await Promise.all([
    listManagedIdentities(db, organizationId),
    listChannels(db, organizationId),
  ]);
  if (identities.length === 0 || channels.length === 0) {
    throw new UsageError(
      `organization ${organizationId} needs at least one managed identity and one channel`,
    );
  }
  return {
    organizationId,
    domains: identities.map((i) => i.value),
    channelIdsByConfigSet: Object.fromEntries(channels.map((c) => [c.configuration_set, c.id])),
  };
}

/** Simulated tenants, created for real in Postgres so everything that lists organizations sees them. */
async function createBulkOrganizations(db: Kysely<Database>, count: number): Promise<BulkOrganization[]> {
  const created: BulkOrganization[] = [];
  for (let i = 0; i < count; i++) {
    const suffix = randomUUID().slice(0, 6);
    const { organization } = await createOrganization(db, { name: `Simulated tenant ${i + 1} (${suffix})` });
    const domain = `tenant-${suffix}.example`;
    await addIdentity(db, { organizationId: organization.id, kind: 'domain', value: domain });
    const channelIdsByConfigSet: Record<string, string> = {};
    for (const channel of DEFAULT_CHANNELS) {
      const row = await addChannel(db, {
        organizationId: organization.id,
        name: channel.name,
        configurationSet: channel.configurationSet,
        purpose: channel.purpose,
        isDefault: Boolean(channel.isDefault),
      });
      channelIdsByConfigSet[row.configuration_set] = row.id;
    }
    created.push({ organizationId: organization.id, domains: [domain], channelIdsByConfigSet });
  }
  return created;
}
