// Vitest globalSetup: one PostgreSQL server for the whole run, with a migrated template database that
// each test file clones (`createTestDatabase` from @sendops/db/testing), so forks never share state.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@sendops/config';
import { findFreePort, type RunningPostgres, startEmbeddedPostgres } from '@sendops/db';
import { databaseUrl, prepareTemplateDatabase } from '@sendops/db/testing';
import type { TestProject } from 'vitest/node';

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  // DATABASE_URL set: test against that server (CI service container, a real Postgres version).
  const external = loadConfig().postgres.url;
  if (external) {
    const maintenanceUrl = databaseUrl(external, 'postgres');
    await prepareTemplateDatabase(maintenanceUrl);
    provide('postgresUrl', maintenanceUrl);
    return async () => {};
  }

  const dataDir = await mkdtemp(path.join(tmpdir(), 'sendops-test-pg-'));
  const cleanup = () => rm(dataDir, { recursive: true, force: true });
  let server: RunningPostgres | undefined;
  try {
    // durable: false turns fsync off; the cluster is thrown away after the run.
    server = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), durable: false });
    const maintenanceUrl = databaseUrl(server.url, 'postgres');
    await prepareTemplateDatabase(maintenanceUrl);
    provide('postgresUrl', maintenanceUrl);
  } catch (error) {
    await server?.stop();
    await cleanup();
    throw error;
  }
  const running = server;
  return async () => {
    await running.stop();
    await cleanup();
  };
}
