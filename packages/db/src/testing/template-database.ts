import pg from 'pg';
import { createDatabase } from '../create-database.ts';
import { migrateToLatest } from '../migrate.ts';

/** Migrated once per test run; every test database is a cheap file-level copy of it. */
export const TEMPLATE_DATABASE = 'sendops_template';
const OBJECT_IN_USE = '55006';

/** The same server and credentials, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops and rebuilds the template from the current migrations, so edited branches never see stale schemas. */
export async function prepareTemplateDatabase(maintenanceUrl: string): Promise<void> {
  await withClient(maintenanceUrl, async (client) => {
    const name = client.escapeIdentifier(TEMPLATE_DATABASE);
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
  const db = createDatabase(databaseUrl(maintenanceUrl, TEMPLATE_DATABASE), { poolMax: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template.
    await db.destroy();
  }
}

/** Creates `name` as a copy of `template`; retries while another session briefly holds the template. */
export async function createDatabaseFromTemplate(
  maintenanceUrl: string,
  name: string,
  template: string,
): Promise<void> {
  await withClient(maintenanceUrl, async (client) => {
    const sql = `create database ${client.escapeIdentifier(name)} template ${client.escapeIdentifier(template)}`;
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
}

export async function dropDatabase(maintenanceUrl: string, name: string): Promise<void> {
  await withClient(maintenanceUrl, (client) =>
    client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
  );
}
