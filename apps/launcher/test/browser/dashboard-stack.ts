// The dashboard with everything behind it, composed like `sendops start` but with `next dev` available: embedded Postgres,
// migrations, the demo workspace, apps/api and apps/web. Used by
// `npx tsx apps/launcher/test/browser/dev-dashboard.ts` during development.
import { createApiService } from '@sendops/api';
import { loadConfig } from '@sendops/config';
import { createDatabase, findFreePort, migrateToLatest, startEmbeddedPostgres } from '@sendops/db';
import { DevOutboxTransport } from '@sendops/mail';
import { startWeb } from '@sendops/web';
import { pino } from 'pino';
import { ensureDemoWorkspace } from '../../src/demo-workspace.ts';

export interface DashboardStack {
  webUrl: string;
  apiUrl: string;
  /** Mail the API sent (invitations, transfers), newest first. */
  outbox: DevOutboxTransport;
  stop(): Promise<void>;
}

export async function startDashboardStack(options: {
  dataDir: string;
  webPort?: number;
  apiPort?: number;
  dev?: boolean;
  log?: (message: string) => void;
}): Promise<DashboardStack> {
  const log = options.log ?? ((message: string) => console.log(message));
  const webPort = options.webPort ?? (await findFreePort());
  const apiPort = options.apiPort ?? (await findFreePort());
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const postgres = await startEmbeddedPostgres({ dataDir: options.dataDir, port: await findFreePort() });
    cleanups.push(() => postgres.stop());
    const db = createDatabase(postgres.url, { poolMax: 5 });
    cleanups.push(() => db.destroy());
    await migrateToLatest(db);
    await ensureDemoWorkspace(db);

    const config = loadConfig(process.env, {
      SENDOPS_DATA_DIR: options.dataDir,
      SENDOPS_PUBLIC_URL: `http://127.0.0.1:${webPort}`,
      SENDOPS_API_PORT: String(apiPort),
      SENDOPS_WEB_PORT: String(webPort),
    });
    const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
    const outbox = new DevOutboxTransport({ from: config.mail.from, logger });
    const api = await createApiService({ config, db, logger, mail: outbox });
    const apiUrl = await api.listen(apiPort, '127.0.0.1');
    cleanups.push(() => api.stop());

    const web = await startWeb({ port: webPort, host: '127.0.0.1', apiUrl, dev: options.dev, log });
    cleanups.push(() => web.stop());
    return { webUrl: web.url, apiUrl, outbox, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
