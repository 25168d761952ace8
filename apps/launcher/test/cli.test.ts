import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from '@sendops/db';
import { loadSesFixture } from '@sendops/ses-events/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCli, runCli, startCli } from './cli-process.ts';

async function freshEnv(): Promise<Record<string, string>> {
  return {
    SENDOPS_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sendops-cli-')),
    SENDOPS_INGEST_PORT: String(await findFreePort()),
    SENDOPS_EMBEDDED_PG_PORT: String(await findFreePort()),
  };
}

function sesEvent(source: string) {
  const event = loadSesFixture('delivery');
  event.id = crypto.randomUUID();
  event.time = new Date().toISOString();
  event.detail.mail.timestamp = new Date().toISOString();
  event.detail.mail.source = source;
  delete event.detail.mail.sourceArn;
  event.detail.mail.tags['ses:configuration-set'] = ['sesmail-transactional'];
  return event;
}

describe('sendops usage errors', () => {
  it('exits 2 with a clear message on bad arguments', async () => {
    const env = await freshEnv();
    expect(runCli(['--help'], env).status).toBe(0);
    const unknown = runCli(['frobnicate'], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
    const noName = runCli(['org', 'create'], env);
    expect(noName.status).toBe(2);
    expect(noName.stderr).toMatch(/--name/);
    const both = runCli(
      ['identity', 'add', '--org', crypto.randomUUID(), '--domain', 'a.dev', '--email', 'x@a.dev'],
      env,
    );
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --domain or --email/);
    const badPort = runCli(['migrate'], { ...env, SENDOPS_INGEST_PORT: 'eighty' });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toMatch(/SENDOPS_INGEST_PORT/);
  });
});

describe('sendops start (no demo) with operator commands against the running stores', () => {
  let env: Record<string, string>;
  let running: RunningCli;
  let ingestUrl: string;

  beforeAll(async () => {
    env = await freshEnv();
    running = startCli(['start', '--no-demo', '--no-web'], env);
    ingestUrl = (await running.waitFor(/ingest\s+(\S+)/))[1]!;
    await running.waitFor(/^ready$/m);
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
  });

  it('prints the URLs, then `ready`, and refuses a second start on the same data directory', async () => {
    expect(ingestUrl).toBe(`http://127.0.0.1:${env.SENDOPS_INGEST_PORT}/ingest/eventbridge`);
    const second = runCli(['start', '--no-demo'], env);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/already running/);
  });

  it('creates an organization, channel and identity while running; the ingest accepts its events', async () => {
    const org = runCli(['org', 'create', '--name', 'Acme', '--json'], env);
    expect(org.status, org.stderr).toBe(0);
    const { id, ingestApiKey } = JSON.parse(org.stdout) as { id: string; ingestApiKey: string };
    expect(ingestApiKey).toMatch(/^sok_live_[A-Za-z0-9]{40}$/);

    const channel = runCli(
      [
        'channel',
        'add',
        '--org',
        id,
        '--name',
        'Transactional',
        '--config-set',
        'sesmail-transactional',
        '--purpose',
        'transactional',
        '--json',
      ],
      env,
    );
    expect(channel.status, channel.stderr).toBe(0);
    const identity = runCli(
      ['identity', 'add', '--org', id, '--domain', 'acme.dev', '--channel', 'Transactional', '--json'],
      env,
    );
    expect(identity.status, identity.stderr).toBe(0);
    expect(JSON.parse(identity.stdout)).toMatchObject({ kind: 'domain', value: 'acme.dev', managed: true });

    const post = (source: string) =>
      fetch(ingestUrl, {
        method: 'POST',
        headers: { 'x-api-key': ingestApiKey, 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify(sesEvent(source)),
      }).then((r) => r.json() as Promise<{ status: string }>);
    await expect
      .poll(async () => (await post('news@acme.dev')).status, { timeout: 20_000, interval: 500 })
      .toBe('accepted');
    expect((await post('someone@elsewhere.dev')).status).toBe('dropped');

    const metrics = await (await fetch(ingestUrl.replace('/ingest/eventbridge', '/metrics'))).text();
    expect(metrics).toMatch(/sendops_ingest_events_total\{outcome="accepted"\} [1-9]/);
  });

  it('reports a clear error for an unknown organization', () => {
    const result = runCli(
      ['channel', 'add', '--org', crypto.randomUUID(), '--name', 'X', '--config-set', 'x'],
      env,
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/organization/i);
  });

  it('runs migrate while start runs', () => {
    const result = runCli(['migrate', '--json'], env);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      postgres: expect.arrayContaining([expect.any(String)]),
    });
  });

  it('stops cleanly on SIGTERM and releases the data directory', async () => {
    expect(await running.stop('SIGTERM')).toBe(0);
    expect(existsSync(path.join(env.SENDOPS_DATA_DIR!, 'runtime.json'))).toBe(false);
    const list = runCli(['org', 'list', '--json'], env);
    expect(list.status, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((o) => o.name)).toEqual(['Acme']);
  });
});

describe('sendops start with the demo workspace, simulate in both modes', () => {
  it('streams demo traffic through the real ingest, posts simulated traffic, then bulk-loads', async () => {
    const env = await freshEnv();
    const running = startCli(['start', '--demo-rate', '20'], env);
    try {
      const ingestUrl = (await running.waitFor(/ingest\s+(\S+)/))[1]!;
      expect((await running.waitFor(/demo org\s+(\S+)/))[1]).toMatch(/^[0-9a-f-]{36}$/);
      await running.waitFor(/^ready$/m);
      const metricsUrl = ingestUrl.replace('/ingest/eventbridge', '/metrics');
      const accepted = async () => {
        const text = await (await fetch(metricsUrl)).text();
        return Number(/sendops_ingest_events_total\{outcome="accepted"\} (\d+)/.exec(text)?.[1] ?? 0);
      };
      await expect.poll(accepted, { timeout: 30_000, interval: 500 }).toBeGreaterThan(5);

      const org = JSON.parse(runCli(['org', 'create', '--name', 'Sim', '--json'], env).stdout) as {
        id: string;
        ingestApiKey: string;
      };
      runCli(
        ['channel', 'add', '--org', org.id, '--name', 'Marketing', '--config-set', 'sesmail-marketing'],
        env,
      );
      expect(runCli(['identity', 'add', '--org', org.id, '--domain', 'sim.dev'], env).status).toBe(0);
      const posted = runCli(
        [
          'simulate',
          '--org',
          org.id,
          '--api-key',
          org.ingestApiKey,
          '--count',
          '30',
          '--rate',
          '100',
          '--json',
        ],
        env,
      );
      expect(posted.status, posted.stderr).toBe(0);
      expect(JSON.parse(posted.stdout)).toMatchObject({ sent: 30, ok: 30, failed: 0 });

      const bulkWhileRunning = runCli(['simulate', '--bulk', '100'], env);
      expect(bulkWhileRunning.status).toBe(2);
      expect(bulkWhileRunning.stderr).toMatch(/owns its embedded ClickHouse/);
    } finally {
      expect(await running.stop()).toBe(0);
    }

    const bulk = runCli(['simulate', '--bulk', '3000', '--orgs', '2', '--days', '7', '--json'], env);
    expect(bulk.status, bulk.stderr).toBe(0);
    const result = JSON.parse(bulk.stdout) as { events: number; rows: number; organizations: string[] };
    expect(result.events).toBeGreaterThanOrEqual(3000);
    expect(result.rows).toBeGreaterThanOrEqual(result.events);
    expect(result.organizations).toHaveLength(2);

    const orgs = JSON.parse(runCli(['org', 'list', '--json'], env).stdout) as { name: string }[];
    expect(orgs.filter((o) => o.name === 'Demo workspace')).toHaveLength(1);
  }, 180_000);
});
