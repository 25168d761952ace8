import { DEMO_ORGANIZATION, type OrganizationProfile, organizationFromIdentities } from './organizations.ts';
import { clockSeed, type PostAttempt, type PostEventsResult, postEvents } from './post-events.ts';

export interface DemoStreamOptions {
  /** Full ingest URL, e.g. `http://127.0.0.1:3001/ingest/eventbridge`. */
  url: string;
  apiKey: string;
  /** The organization's managed identities: domains (or addresses), so the ingest keeps the events. */
  identities: string[];
  /** Its channels' configuration sets. */
  configurationSets: string[];
  eventsPerSecond: number;
  /** Default: derived from the clock, so a restarted stream never repeats event ids (the ingest dedupes). */
  seed?: number;
  log?: (msg: string) => void;
  /** AWS account / region / brand of the simulated sender. Default: DEMO_ORGANIZATION's. */
  organization?: Partial<
    Pick<OrganizationProfile, 'awsAccountId' | 'region' | 'brand' | 'name' | 'organizationId'>
  >;
  /** How often to log a summary. Default 60 s; 0 disables. */
  summaryEveryMs?: number;
}

export interface DemoStream {
  /** Stops posting; resolves once requests in flight have been answered. */
  stop(): Promise<void>;
  /** Totals so far. */
  stats(): DemoStreamStats;
}

export interface DemoStreamStats {
  attempts: number;
  accepted: number;
  failedAttempts: number;
  statusCounts: Record<string, number>;
}

/**
 * Live SES traffic for one organization until stopped: what `sendops start` runs so the demo dashboards
 * move. Failures (ingest not up yet, restarting) are logged once per change of state, never thrown.
 */
export function createDemoStream(options: DemoStreamOptions): DemoStream {
  const log = options.log ?? (() => {});
  const profile = organizationFromIdentities({
    identities: options.identities,
    configurationSets: options.configurationSets,
    base: { ...DEMO_ORGANIZATION, ...options.organization },
  });
  const controller = new AbortController();
  const stats: DemoStreamStats = { attempts: 0, accepted: 0, failedAttempts: 0, statusCounts: {} };
  let failing = false;
  const onAttempt = (attempt: PostAttempt) => {
    stats.attempts++;
    const key = String(attempt.status);
    stats.statusCounts[key] = (stats.statusCounts[key] ?? 0) + 1;
    const ok = typeof attempt.status === 'number' && attempt.status >= 200 && attempt.status < 300;
    if (ok) stats.accepted++;
    else stats.failedAttempts++;
    if (ok && failing) log('demo stream: ingest accepting events again');
    if (!ok && !failing && !controller.signal.aborted)
      log(`demo stream: ingest answered ${describe(attempt)}; will keep retrying`);
    failing = !ok;
  };
  log(
    `demo stream: ${options.eventsPerSecond} events/s for ${options.identities.join(', ')} ` +
      `(${options.configurationSets.join(', ')}) to ${options.url}`,
  );
  const every = options.summaryEveryMs ?? 60_000;
  const timer =
    every > 0
      ? setInterval(
          () =>
            log(`demo stream: ${stats.accepted} events accepted, ${stats.failedAttempts} failed attempts`),
          every,
        )
      : undefined;
  timer?.unref();
  const running: Promise<PostEventsResult | undefined> = postEvents({
    url: options.url,
    apiKey: options.apiKey,
    rate: options.eventsPerSecond,
    concurrency: Math.max(2, Math.min(32, Math.ceil(options.eventsPerSecond / 10))),
    signal: controller.signal,
    organizations: [profile],
    seed: options.seed ?? clockSeed(),
    onAttempt,
  }).catch((error: unknown) => {
    log(`demo stream: stopped on error: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  return {
    async stop() {
      controller.abort();
      if (timer) clearInterval(timer);
      await running;
    },
    stats: () => ({ ...stats, statusCounts: { ...stats.statusCounts } }),
  };
}

function describe(attempt: PostAttempt): string {
  if (attempt.status !== 'error') return `HTTP ${attempt.status}`;
  const error = attempt.error as { cause?: { code?: string }; message?: string } | undefined;
  return error?.cause?.code ?? error?.message ?? 'a network error';
}
