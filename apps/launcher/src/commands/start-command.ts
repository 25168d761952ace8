import type { SendOpsConfig } from '@sendops/config';
import { createIngestService, postgresControlPlane } from '@sendops/ingest';
import { createDemoStream } from '@sendops/simulator';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import { launchApiService } from '../api-service.ts';
import { UsageError } from '../cli-output.ts';
import { backfillDemoHistory, DEMO_HISTORY_DAYS } from '../demo-history.ts';
import { type DemoWorkspace, ensureDemoWorkspace } from '../demo-workspace.ts';
import { clearRuntimeState, readRunningState, writeRuntimeState } from '../runtime-state.ts';
import { openAnalytics, openControlPlane, spoolDirOf } from '../stores.ts';
import { waitForHealthy } from '../wait-for-healthy.ts';

export interface StartOptions {
  demo: boolean;
  web: boolean;
  demoRate: string;
  demoHistory: boolean;
}

const DEMO_EVENTS_PER_SECOND = 5;

/**
 * Runs everything in one process on the embedded defaults (chDB allows one process per data
 * directory), or on DATABASE_URL / CLICKHOUSE_URL when set. Prints the URLs, then `ready` once every
 * started service answers its health check.
 */
export async function runStart(config: SendOpsConfig, options: StartOptions, logger: Logger): Promise<void> {
  const running = readRunningState(config.dataDir);
  if (running) throw new UsageError(`sendops is already running on ${config.dataDir} (pid ${running.pid})`);
  const demoRate = Number(options.demoRate);
  if (!Number.isFinite(demoRate) || demoRate <= 0 || demoRate > 1000) {
    throw new UsageError('--demo-rate must be a number of events per second between 0 and 1000');
  }

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse().splice(0))
      await stop().catch((error) => logger.error({ err: error }, 'stop failed'));
  };
  try {
    const controlPlane = await openControlPlane(config, { migrate: true });
    stops.push(() => controlPlane.close());
    const store = await openAnalytics(config, { migrate: true });
    stops.push(() => store.client.close());

    const ingest = await createIngestService({
      settings: config.ingest,
      spoolDir: spoolDirOf(config),
      controlPlane: postgresControlPlane(controlPlane.db),
      store,
      logger: logger.child({ service: 'ingest' }),
    });
    const ingestBase = await ingest.listen(config.ports.ingest, config.bindHost);
    stops.push(() => ingest.stop());
    const ingestUrl = `${ingestBase}/ingest/eventbridge`;

    const api = await launchApiService(config, controlPlane.db, store, logger);
    const apiBase = await api.listen(config.ports.api, config.bindHost);
    stops.push(() => api.stop());
    const health = [`${ingestBase}/healthz`, `${apiBase}/healthz`];

    let webUrl: string | undefined;
    if (options.web) {
      // Imported lazily: `--no-web` runs (and the operator commands) never load Next.js.
      const { startWeb } = await import('@sendops/web');
      const web = await startWeb({
        port: config.ports.web,
        host: config.bindHost,
        apiUrl: apiBase,
        log: (message) => logger.info({ service: 'web' }, message),
      });
      stops.push(() => web.stop());
      webUrl = web.url;
      health.push(`${web.url}/sign-in`);
    }

    writeRuntimeState(config.dataDir, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      postgresUrl: controlPlane.url,
      ingestUrl,
      embeddedClickhouse: store.kind === 'embedded',
    });
    stops.push(async () => clearRuntimeState(config.dataDir));

    const lines = [
      `SendOps is running (data directory ${config.dataDir})`,
      `  dashboard   ${webUrl ?? 'not started (--no-web)'}`,
      `  api         ${apiBase}/api  (public API ${apiBase}/v1)`,
      `  ingest      ${ingestUrl}`,
      `  health      ${ingestBase}/healthz  ${ingestBase}/readyz`,
      `  metrics     ${ingestBase}/metrics`,
      `  postgres    ${controlPlane.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'} (${redact(controlPlane.url)})`,
      `  clickhouse  ${store.kind === 'embedded' ? `embedded chDB (${config.dataDir}/clickhouse)` : 'CLICKHOUSE_URL'}`,
    ];
    let demo: DemoWorkspace | undefined;
    if (options.demo) {
      demo = await ensureDemoWorkspace(controlPlane.db);
      const stream = createDemoStream({
        url: ingestUrl,
        apiKey: demo.ingestApiKey,
        identities: demo.domains,
        configurationSets: demo.configurationSets,
        eventsPerSecond: demoRate,
        log: (message) => logger.debug({ service: 'demo' }, message),
      });
      stops.push(() => stream.stop());
      lines.push(`  demo org    ${demo.organizationId} (simulated SES traffic, ${demoRate} events/s)`);
      if (options.demoHistory)
        lines.push(`  demo data   ${DEMO_HISTORY_DAYS} days of history, loaded once in the background`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);

    await waitForHealthy(health);
    process.stdout.write('ready\n');

    // After `ready`: the backfill takes tens of seconds and nothing waits for it (charts fill in).
    if (demo && options.demoHistory) {
      const controller = new AbortController();
      const history = backfillDemoHistory({
        store,
        dataDir: config.dataDir,
        organizationId: demo.organizationId,
        domains: demo.domains,
        channelIdsByConfigSet: demo.channelIdsByConfigSet,
        now: new Date(),
        signal: controller.signal,
      }).then(
        (result) => {
          if (result)
            logger.info({ service: 'demo', events: result.events, rows: result.rows }, 'demo history loaded');
        },
        (error: unknown) => {
          if (!controller.signal.aborted)
            logger.error({ err: error, service: 'demo' }, 'demo history failed');
        },
      );
      stops.push(async () => {
        controller.abort();
        await history;
      });
    }

    await new Promise<void>((resolve) => {
      const onSignal = (signal: NodeJS.Signals) => {
        logger.info({ signal }, 'shutting down');
        resolve();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    });
  } finally {
    await stopAll();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

export function registerStartCommand(
  program: Command,
  run: (command: Command, options: StartOptions) => Promise<void>,
) {
  program
    .command('start')
    .description(
      'run SendOps (embedded Postgres and ClickHouse unless DATABASE_URL / CLICKHOUSE_URL are set)',
    )
    .option('--no-demo', 'no demo organization and no simulated event stream')
    .option('--no-web', 'do not start the dashboard')
    .option('--no-demo-history', 'do not backfill 90 days of demo history (done once per data directory)')
    .option(
      '--demo-rate <events-per-second>',
      'rate of the simulated demo stream',
      String(DEMO_EVENTS_PER_SECOND),
    )
    .action((options: StartOptions, command: Command) => run(command, options));
}
