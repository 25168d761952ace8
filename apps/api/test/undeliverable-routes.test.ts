import { insertEventRows } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import { toEventRows } from '@sendops/ses-events';
import { loadSesFixture } from '@sendops/ses-events/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Harness, startHarness } from './support/api-harness.ts';
import { addMember, type OrgFixture, orgWithOwner } from './support/org-fixtures.ts';

let h: Harness;
let analytics: TestAnalytics;
let org: OrgFixture;

/** A permanent bounce for `recipient`, `daysAgo` days ago, as the ingest would store it. */
async function bounce(organizationId: string, id: string, recipient: string, daysAgo: number) {
  const envelope = loadSesFixture('bounce');
  envelope.id = id;
  envelope.time = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  envelope.detail.mail.destination = [recipient];
  envelope.detail.bounce.bounceSubType = 'NoEmail';
  envelope.detail.bounce.bouncedRecipients = [
    {
      emailAddress: recipient,
      action: 'failed',
      status: '5.1.1',
      diagnosticCode: 'smtp; 550 5.1.1 user unknown',
    },
  ];
  await insertEventRows(
    analytics.store,
    toEventRows(envelope as never, {
      organizationId,
      sendingIdentity: 'example.com',
      channelId: '',
      templateTagNames: [],
      retentionDays: 400,
      ingestedAt: envelope.time,
      raw: '{}',
    }),
  );
}

beforeAll(async () => {
  analytics = await createTestAnalytics();
  h = await startHarness({ analytics: analytics.store });
  org = await orgWithOwner(h.app, h.test.db);
  await bounce(org.id, 'evt-1', 'gone@acme.test', 2);
  await bounce(org.id, 'evt-2', 'old@acme.test', 5);
});
afterAll(async () => {
  await h?.close();
  await analytics?.destroy();
});

const base = () => `/api/orgs/${org.slug}/undeliverable`;

describe('Undeliverable routes', () => {
  it('lists with the rules version header, filters, and rejects bad filters with 400', async () => {
    const response = await call(h.app, org.owner, 'GET', `${base()}?limit=1`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items).toMatchObject([
      {
        address: 'gone@acme.test',
        status: 'listed',
        reason: 'permanent_bounce',
        reasonLabel: 'permanent bounce · NoEmail',
        events: 1,
        lastDiagnostic: 'smtp; 550 5.1.1 user unknown',
      },
    ]);
    expect(response.headers['x-sendops-rules-version']).toBe(body.rulesVersion);
    const next = await call(h.app, org.owner, 'GET', `${base()}?limit=1&cursor=${body.nextCursor}`);
    expect(next.json().items.map((r: { address: string }) => r.address)).toEqual(['old@acme.test']);
    expect(next.json().nextCursor).toBeNull();

    const searched = await call(
      h.app,
      org.owner,
      'GET',
      `${base()}?search=OLD&reason=permanent_bounce,complaint`,
    );
    expect(searched.json().items.map((r: { address: string }) => r.address)).toEqual(['old@acme.test']);

    for (const query of ['reason=bogus', 'status=gone', 'cursor=nope', 'limit=0']) {
      const bad = await call(h.app, org.owner, 'GET', `${base()}?${query}`);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json().error.code).toBe('invalid');
    }
  });

  it('Allow / Re-list need undeliverable.manage; the row moves to Excluded and back', async () => {
    const developer = await addMember(h.app, h.test.db, org, 'developer');
    const denied = await call(h.app, developer, 'POST', `${base()}/allow`, { address: 'gone@acme.test' });
    expect(denied.statusCode).toBe(403);

    const marketer = await addMember(h.app, h.test.db, org, 'marketer');
    const allowed = await call(h.app, marketer, 'POST', `${base()}/allow`, {
      address: 'Gone@Acme.test',
      note: 'fixed after IT migration',
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().exclusion).toMatchObject({
      address: 'gone@acme.test',
      note: 'fixed after IT migration',
    });
    const excluded = await call(h.app, developer, 'GET', `${base()}?status=excluded`);
    expect(excluded.json().items).toMatchObject([
      { address: 'gone@acme.test', status: 'excluded', lastDiagnostic: 'fixed after IT migration' },
    ]);

    expect(
      (await call(h.app, marketer, 'POST', `${base()}/relist`, { address: 'gone@acme.test' })).statusCode,
    ).toBe(204);
    // The ClickHouse mirror follows the re-list: Listed again, nothing Excluded.
    const afterRelist = await call(h.app, developer, 'GET', `${base()}?status=all&search=gone`);
    expect(afterRelist.json().items).toMatchObject([
      { address: 'gone@acme.test', status: 'listed', exclusion: null },
    ]);
    expect(
      (await call(h.app, marketer, 'POST', `${base()}/relist`, { address: 'gone@acme.test' })).statusCode,
    ).toBe(404);
    const bad = await call(h.app, marketer, 'POST', `${base()}/allow`, { address: 'not an address' });
    expect(bad.statusCode).toBe(400);
  });

  it('rules: view for viewers, configure for owners, validation messages, preview, history and CSV', async () => {
    const viewer = await addMember(h.app, h.test.db, org, 'viewer');
    const rules = await call(h.app, viewer, 'GET', `${base()}/rules`);
    expect(rules.statusCode).toBe(200);
    expect(rules.json()).toMatchObject({
      profile: 'standard',
      rules: { permanent_bounce: { locked: true } },
    });
    expect((await call(h.app, viewer, 'PUT', `${base()}/rules`, { profile: 'strict' })).statusCode).toBe(403);

    const invalid = await call(h.app, org.owner, 'PUT', `${base()}/rules`, {
      rules: { ...rules.json().rules, undetermined: { enabled: true, events: 0, window_days: 14 } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toBe('undetermined.events must be an integer from 1 to 100');

    const preview = await call(h.app, viewer, 'POST', `${base()}/rules/preview`, { profile: 'aggressive' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ currentSize: 2, candidateSize: 2, added: 0, removed: 0 });

    const saved = await call(h.app, org.owner, 'PUT', `${base()}/rules`, { profile: 'aggressive' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().profile).toBe('aggressive');
    expect(saved.headers['x-sendops-rules-version']).toBe(saved.json().version);
    const audit = await call(
      h.app,
      org.owner,
      'GET',
      `/api/orgs/${org.slug}/audit-log?resourceType=undeliverable_rules`,
    );
    expect(audit.json().items[0]).toMatchObject({ operation: 'updated', after: { profile: 'aggressive' } });

    const history = await call(h.app, viewer, 'GET', `${base()}/history?address=old@acme.test`);
    expect(history.json().items).toMatchObject([
      { eventType: 'Bounce', detail: 'Permanent/NoEmail', countsToward: ['permanent_bounce'] },
    ]);

    const csv = await call(h.app, viewer, 'GET', `${base()}/export.csv?status=all`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      'email,status,reason,reason_label,events,last_change,last_diagnostic,note',
    );
  });

  it('public API: /v1/undeliverable and /v1/undeliverable/rules with a suppressions.read key', async () => {
    const created = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/api-keys`, {
      name: 'suppression sync',
      scopes: ['suppressions.read'],
      environment: 'live',
    });
    const auth = { authorization: `Bearer ${created.json().secret}` };
    const list = await h.app.inject({ method: 'GET', url: '/v1/undeliverable?status=all', headers: auth });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((r: { address: string }) => r.address)
        .sort(),
    ).toEqual(['gone@acme.test', 'old@acme.test']);
    const rules = await h.app.inject({ method: 'GET', url: '/v1/undeliverable/rules', headers: auth });
    expect(rules.statusCode).toBe(200);
    expect(list.headers['x-sendops-rules-version']).toBe(rules.json().version);
    expect(rules.headers['x-sendops-rules-version']).toBe(rules.json().version);

    const other = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/api-keys`, {
      name: 'account only',
      scopes: ['account.read'],
      environment: 'live',
    });
    const denied = await h.app.inject({
      method: 'GET',
      url: '/v1/undeliverable',
      headers: { authorization: `Bearer ${other.json().secret}` },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('answers 503 unavailable when the API runs without the events store', async () => {
    const bare = await startHarness();
    try {
      const owner = await orgWithOwner(bare.app, bare.test.db);
      const response = await call(bare.app, owner.owner, 'GET', `/api/orgs/${owner.slug}/undeliverable`);
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('unavailable');
    } finally {
      await bare.close();
    }
  });
});
