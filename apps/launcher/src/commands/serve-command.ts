import type { SendOpsConfig } from '@sendops/config';
import { createIngestService, postgresControlPlane } from '@sendops/ingest';
import type { Logger } from 'pino';
import { UsageError } from '../cli-output.ts';
import { openAnalytics, openControlPlane, spoolDirOf } from '../stores.ts';

export const SERVABLE = ['ingest'] as const;

/**
 * Runs one service alone (production, docker-compose): stores come from DATABASE_URL and
 * CLICKHOUSE_URL; migrations are the `migrate` command's job.
 */
export async function runServe(config: SendOpsConfig, service: string, logger: Logger): Promise<void> {
  if (!(SERVABLE as readonly string[]).includes(service)) {
    throw new UsageError(`unknown service "${service}"; this build can serve: ${SERVABLE.join(', ')}`);
  }
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
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await ingest.stop();
  await store.client.close();
  await controlPlane.close();
}
