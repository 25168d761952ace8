// Development: the dashboard in `next dev` mode (hot reload) on a throwaway embedded Postgres with the
// demo workspace and the real API. `npx tsx apps/launcher/test/browser/dev-dashboard.ts [--prod]`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDashboardStack } from './dashboard-stack.ts';

const dataDir = await mkdtemp(path.join(tmpdir(), 'sendops-dev-dashboard-'));
const stack = await startDashboardStack({
  dataDir,
  dev: !process.argv.includes('--prod'),
  webPort: Number(process.env.SENDOPS_WEB_PORT ?? 3000),
  apiPort: Number(process.env.SENDOPS_API_PORT ?? 4000),
});
console.log(`dashboard ${stack.webUrl}  (api ${stack.apiUrl}, data ${dataDir})`);

const shutdown = async () => {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
