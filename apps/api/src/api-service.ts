import type { AnalyticsStore } from '@sendops/analytics';
import type { DeleteOrganizationEvents } from '@sendops/auth';
import type { PeriodicJob, SendOpsConfig } from '@sendops/config';
import type { Database } from '@sendops/db';
import type { MailTransport } from '@sendops/mail';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { startAuditRetentionSweep } from './audit-retention-sweep.ts';
import { buildApiApp } from './build-api-app.ts';
import type { ApiApp } from './http/api-app.ts';

export interface ApiServiceOptions {
  config: SendOpsConfig;
  db: Kysely<Database>;
  logger: Logger;
  mail?: MailTransport;
  analytics?: AnalyticsStore;
  deleteOrganizationEvents?: DeleteOrganizationEvents;
}

export interface ApiService {
  app: ApiApp;
  /** Listens and returns the base URL. */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting requests (503 while closing) and waits for in-flight ones. */
  stop(): Promise<void>;
}

/** The API as the launcher runs it; the database pool belongs to the caller. */
export async function createApiService(options: ApiServiceOptions): Promise<ApiService> {
  const app = await buildApiApp({
    config: options.config,
    db: options.db,
    logger: options.logger,
    mail: options.mail,
    analytics: options.analytics,
    deleteOrganizationEvents: options.deleteOrganizationEvents,
  });
  let auditSweep: PeriodicJob | undefined;
  return {
    app,
    async listen(port, host) {
      await app.listen({ port, host });
      auditSweep ??= startAuditRetentionSweep(options.db, app.log);
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    },
    async stop() {
      await app.close();
      await auditSweep?.stop();
    },
  };
}
