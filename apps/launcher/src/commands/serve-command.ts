import type { SendOpsConfig } from '@sendops/config';
import { createIngestService, postgresControlPlane } from '@sendops/ingest';
import type { Logger } from 'pino';
import { launchApiService } from '../api-service.ts';
import { UsageError } from '../cli-output.ts';
import { openAnalytics, openControlPlane, spoolDirOf } from '../stores.ts';

export const SERVABLE = ['ingest', 'api', 'web'] as const;
type Servable = (typeof SERVABLE)[number];

/** Starts one service and returns how to stop it (in reverse order of what it opened). */
type ServiceRunner = (config: SendOpsConfig, logger: Logger) => Promise<() => Promise<void>>;

const runners: Record<Servable, ServiceRunner> = {
  async ingest(config, logger) {
    const controlPlane = await openControlPlane(config, { migrate: false });
    const store = await openAnalytics(config, { migrate: false });
    const ingest = await createIngestService({
      settings: config.ingest,
      spoolDir: spoolDirOf(config),
      controlPlane: postgresControlPlane(controlPlane.db),
      store,
      logger: logger.child({ service: 'ingest' }),
    });
    const base = await ingest.listen(config.ports.ingest, config.bindHost);
    logger.info({ url: `${base}/ingest/eventbridge` }, 'ingest listening');
    return async () => {
      await ingest.stop();
      await store.client.close();
      await controlPlane.close();
    };
  },

  async api(config, logger) {
    const controlPlane = await openControlPlane(config, { migrate: false });
    const store = await openAnalytics(config, { migrate: false });
    const api = await launchApiService(config, controlPlane.db, store, logger);
    const base = await api.listen(config.ports.api, config.bindHost);
    logger.info({ url: base }, 'api listening');
    return async () => {
      await api.stop();
      await store.client.close();
      await controlPlane.close();
    };
  },

  // The dashboard opens no store: it reaches apps/api at SENDOPS_API_URL.
  async web(config, logger) {
    const { startWeb } = await import('@sendops/web');
    const web = await startWeb({
      port: config.ports.web,
      host: config.bindHost,
      apiUrl: config.apiUrl,
      log: (message) => logger.info({ service: 'web' }, message),
    });
    logger.info({ url: web.url, api: config.apiUrl }, 'web listening');
    return () => web.stop();
  },
};

/**
 * Runs one service alone (production, docker-compose): stores come from DATABASE_URL and
 * CLICKHOUSE_URL; migrations are the `migrate` command's job.
 */
export async function runServe(config: SendOpsConfig, service: string, logger: Logger): Promise<void> {
  if (!(SERVABLE as readonly string[]).includes(service)) {
    throw new UsageError(`unknown service "${service}"; this build can serve: ${SERVABLE.join(', ')}`);
  }
  const stop = await runners[service as Servable](config, logger);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await stop();
}
