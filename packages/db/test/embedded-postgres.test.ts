import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, findFreePort, startEmbeddedPostgres } from '../src/index.ts';

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

function deadPid(): number {
  // A process that has just exited: its pid is not running (and is very unlikely to be reused yet).
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('startEmbeddedPostgres', () => {
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sendops-embedded-test-'));
    port = await findFreePort();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('initialises a cluster, keeps data across restarts and reuses its password', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port });
    expect(first.url).toMatch(
      new RegExp(`^postgres://postgres:[0-9a-f]{48}@127\\.0\\.0\\.1:${port}/sendops$`),
    );
    expect((await stat(path.join(dataDir, 'postgres.json'))).mode & 0o777).toBe(0o600);
    await query(first.url, "create table notes (body text); insert into notes values ('kept')");
    await first.stop();
    await first.stop(); // idempotent

    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(second.url).toBe(first.url);
      expect(await query(second.url, 'select body from notes')).toEqual([{ body: 'kept' }]);
    } finally {
      await second.stop();
    }
  });

  it('recovers when a crash left postmaster.pid naming a dead process', async () => {
    const clusterDir = path.join(dataDir, 'postgres');
    await writeFile(
      path.join(clusterDir, 'postmaster.pid'),
      `${deadPid()}\n${clusterDir}\n1700000000\n${port}\n`,
    );
    const server = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(await query(server.url, 'select body from notes')).toEqual([{ body: 'kept' }]);
    } finally {
      await server.stop();
    }
  });

  it('recovers when postmaster.pid names a live process that is not PostgreSQL (pid reused)', async () => {
    const clusterDir = path.join(dataDir, 'postgres');
    await writeFile(
      path.join(clusterDir, 'postmaster.pid'),
      `${process.pid}\n${clusterDir}\n1700000000\n${port}\n`,
    );
    const server = await startEmbeddedPostgres({ dataDir, port });
    await server.stop();
  });

  it('takes over a server still running on the cluster after its parent went away', async () => {
    const orphan = await startEmbeddedPostgres({ dataDir, port });
    const successor = await startEmbeddedPostgres({ dataDir, port });
    try {
      await orphan.stop(); // already stopped by the successor: returns instead of hanging
      expect(await query(successor.url, 'select body from notes')).toEqual([{ body: 'kept' }]);
    } finally {
      await successor.stop();
    }
  });

  it('says clearly when the port is taken by another program', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const error = await startEmbeddedPostgres({ dataDir, port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedPostgresError);
      expect(error).toMatchObject({ code: 'port_in_use', message: expect.stringContaining(`port ${port}`) });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses to guess when the credentials file of an existing cluster is gone', async () => {
    await rm(path.join(dataDir, 'postgres.json'));
    await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toMatchObject({
      code: 'credentials_missing',
    });
  });
});
