import { type AnalyticsStore, deleteOrganizationData } from '@sendops/analytics';
import { type ApiService, createApiService } from '@sendops/api';
import type { SendOpsConfig } from '@sendops/config';
import type { Database } from '@sendops/db';
import { createMailTransport } from '@sendops/mail';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

/** The API wired to this process's stores and the configured mail transport. */
export function launchApiService(
  config: SendOpsConfig,
  db: Kysely<Database>,
  store: AnalyticsStore,
  logger: Logger,
): Promise<ApiService> {
  return createApiService({
    config,
    db,
    logger: logger.child({ service: 'api' }),
    mail: createMailTransport(config.mail, logger.child({ service: 'mail' })),
    analytics: store,
    deleteOrganizationEvents: (organizationId) => deleteOrganizationData(store, organizationId),
  });
}
