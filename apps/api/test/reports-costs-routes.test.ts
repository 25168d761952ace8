import { insertEventRows } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import { addChannel } from '@sendops/db';
import { toEventRows } from '@sendops/ses-events';
import { loadSesFixture } from '@sendops/ses-events/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, call, type Harness, startHarness } from './support/api-harness.ts';
import { addMember, type OrgFixture, orgWithOwner } from './support/org-fixtures.ts';

let h: Harness;
let analytics: TestAnalytics;
let org: OrgFixture;
let other: OrgFixture;
let channelId: string;

/** A Send to `recipients` at the first instant of the current UTC month (always "this month so far"). */
async function send(organizationId: string, id: string, recipients: string[], channel: string) {
  const now = new Date();
  const envelope = loadSesFixture('send');
  envelope.id = id;
  envelope.time = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  envelope.detail.mail.destination = recipients;
  await insertEventRows(
    analytics.store,
    toEventRows(envelope as never, {
      organizationId,
      sendingIdentity: 'example.com',
      channelId: channel,
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
  org = await orgWithOwner(h.app, h.test.db, 'team');
  other = await orgWithOwner(h.app, h.test.db, 'team');
  channelId = (
    await addChannel(h.test.db, { organizationId: org.id, name: 'Transactional', configurationSet: 'tx' })
  ).id;
  await send(org.id, 'send-1', ['a@example.com', 'b@example.com', 'c@example.com'], channelId);
  await send(org.id, 'send-1', ['a@example.com', 'b@example.com', 'c@example.com'], channelId); // a retry
  await send(org.id, 'send-2', ['d@example.com'], '');
  await send(other.id, 'send-9', ['z@example.com'], '');
});
afterAll(async () => {
  await h?.close();
  await analytics?.destroy();
});

const url = (slug: string, query = '') => `/api/orgs/${slug}/billing/ses-costs${query}`;

describe('GET /api/orgs/:slug/billing/ses-costs', () => {
  it('gives Owner and Financial the estimate: one send per recipient, channel names, free tier toggle', async () => {
    const financial = await addMember(h.app, h.test.db, org, 'financial');
    const response = await call(h.app, financial, 'GET', url(org.slug, '?months=3&freeTier=false'));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.rateCard).toEqual({ version: '2025-01', usdPerThousand: 0.1, ec2FreeTierPerMonth: 62_000 });
    expect(body.trend).toHaveLength(3);
    expect(body.current).toMatchObject({ sends: 4, costUsd: 0.0004 });
    expect(body.totals).toEqual({ sends: 4, costUsd: 0.0004 });
    expect(body.channels).toEqual([
      { channelId, name: 'Transactional', sends: 3, share: 0.75, costUsd: 0.0003 },
      { channelId: '', name: 'Unassigned', sends: 1, share: 0.25, costUsd: 0.0001 },
    ]);
    const free = (await call(h.app, org.owner, 'GET', url(org.slug))).json();
    expect(free.trend).toHaveLength(6);
    expect(free.totals).toEqual({ sends: 4, costUsd: 0 });
    const one = (await call(h.app, org.owner, 'GET', url(org.slug, `?channel=${channelId}`))).json();
    expect(one.totals.sends).toBe(3);
    const theirs = (await call(h.app, other.owner, 'GET', url(other.slug))).json();
    expect(theirs.totals.sends).toBe(1);
  });

  it('exports CSV by month or by channel', async () => {
    const byMonth = await call(h.app, org.owner, 'GET', url(org.slug, '?months=3&freeTier=false&format=csv'));
    expect(byMonth.statusCode).toBe(200);
    expect(byMonth.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byMonth.headers['content-disposition']).toMatch(/^attachment; filename="ses-costs-by-month-/);
    const lines = byMonth.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('year,month,send_count,billable_send_count,estimated_cost_usd');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^\d{4},\d{2},4,4,0\.0004$/);
    const byChannel = await call(
      h.app,
      org.owner,
      'GET',
      url(org.slug, '?freeTier=false&format=csv&by=channel'),
    );
    expect(byChannel.body.split('\r\n').slice(0, 3)).toEqual([
      'channel,channel_id,send_count,estimated_cost_usd,share',
      `Transactional,${channelId},3,0.0003,0.7500`,
      'Unassigned,,1,0.0001,0.2500',
    ]);
  });

  it('refuses every other role, and bad parameters with 400', async () => {
    for (const role of ['org_admin', 'developer', 'marketer', 'viewer'] as const) {
      const member: Client = await addMember(h.app, h.test.db, org, role);
      expect((await call(h.app, member, 'GET', url(org.slug))).statusCode, role).toBe(403);
    }
    for (const query of ['?months=5', '?freeTier=maybe', '?channel=nope', '?format=xml']) {
      const response = await call(h.app, org.owner, 'GET', url(org.slug, query));
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid');
    }
  });
});
