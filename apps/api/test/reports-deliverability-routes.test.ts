import { insertEventRows } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import { DEFAULT_TEMPLATE_TAG_NAMES, type SesEventEnvelope, toEventRows } from '@sendops/ses-events';
import { DEMO_ORGANIZATION, generateMessages } from '@sendops/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, call, type Harness, startHarness } from './support/api-harness.ts';
import { addMember, type OrgFixture, orgWithOwner } from './support/org-fixtures.ts';

let h: Harness;
let analytics: TestAnalytics;
let org: OrgFixture;
let other: OrgFixture;
let viewer: Client;
let marketer: Client;

const START = Date.UTC(2026, 9, 1);
const END = Date.UTC(2026, 9, 8);
const RANGE = 'from=2026-10-04T00:00:00Z&to=2026-10-08T00:00:00Z';
const CHANNEL = '7d1c1f0e-5f43-4a8e-9a49-3f6f2b1a0c11';

/** The simulator's traffic as the ingest stores it; `channel` only for the marketing configuration set. */
async function load(organizationId: string, messages: number) {
  const generated = generateMessages({
    seed: 11,
    organizations: [DEMO_ORGANIZATION],
    messages,
    start: START,
    end: END,
  });
  const rows = generated.flatMap((message) =>
    message.events
      .filter((event) => event.time < END)
      .flatMap((event) =>
        toEventRows(event.envelope as unknown as SesEventEnvelope, {
          organizationId,
          sendingIdentity: message.sendingIdentity,
          channelId: message.configurationSet.includes('marketing') ? CHANNEL : '',
          templateTagNames: DEFAULT_TEMPLATE_TAG_NAMES,
          retentionDays: 400,
          ingestedAt: event.envelope.time,
          raw: '',
        }),
      ),
  );
  await insertEventRows(analytics.store, rows);
}

beforeAll(async () => {
  analytics = await createTestAnalytics();
  h = await startHarness({ analytics: analytics.store });
  org = await orgWithOwner(h.app, h.test.db);
  other = await orgWithOwner(h.app, h.test.db);
  viewer = await addMember(h.app, h.test.db, org, 'viewer');
  marketer = await addMember(h.app, h.test.db, org, 'marketer');
  await load(org.id, 600);
  // The other tenant sends far less: its figures must never show up in org's answers.
  await load(other.id, 60);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await analytics?.destroy();
});

const base = (slug = org.slug) => `/api/orgs/${slug}/reports`;

describe('Deliverability and Engagement routes', () => {
  it('answer each report for the organization only', async () => {
    const mine = await call(h.app, viewer, 'GET', `${base()}/deliverability?${RANGE}`);
    expect(mine.statusCode).toBe(200);
    const theirs = await call(h.app, other.owner, 'GET', `${base(other.slug)}/deliverability?${RANGE}`);
    expect(theirs.statusCode).toBe(200);
    expect(mine.json().totals.sends).toBeGreaterThan(theirs.json().totals.sends * 3);
    expect(mine.json().thresholds).toEqual({
      bounce: { warning: 5, critical: 10 },
      complaint: { warning: 0.08, critical: 0.1 },
    });
    expect(mine.json().bucketSize).toBe('day');
    for (const name of ['providers', 'latency', 'engagement']) {
      const response = await call(h.app, viewer, 'GET', `${base()}/${name}?${RANGE}`);
      expect(response.statusCode).toBe(200);
    }
    const cross = await call(h.app, viewer, 'GET', `${base(other.slug)}/deliverability?${RANGE}`);
    expect(cross.statusCode).toBe(404);
  });

  it('the channel filter and the time zone change the figures', async () => {
    const all = (await call(h.app, viewer, 'GET', `${base()}/deliverability?${RANGE}`)).json();
    const one = (
      await call(h.app, viewer, 'GET', `${base()}/deliverability?${RANGE}&channel=${CHANNEL}`)
    ).json();
    expect(one.totals.sends).toBeGreaterThan(0);
    expect(one.totals.sends).toBeLessThan(all.totals.sends);
    const tokyo = (await call(h.app, viewer, 'GET', `${base()}/latency?${RANGE}&tz=Asia/Tokyo`)).json();
    expect(tokyo.trend[0].start).toMatch(/T15:00:00.000Z$/);
    const short = (
      await call(
        h.app,
        viewer,
        'GET',
        `${base()}/engagement?from=2026-10-05T00:00:00Z&to=2026-10-06T00:00:00Z`,
      )
    ).json();
    expect(short.bucketSize).toBe('hour');
  });

  it('sorts providers with Other last', async () => {
    const response = await call(h.app, viewer, 'GET', `${base()}/providers?${RANGE}&sort=provider&order=asc`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { provider: string; isOther: boolean }[];
    expect(items.at(-1)?.isOther).toBe(true);
    const names = items.filter((r) => !r.isOther).map((r) => r.provider);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const bad = await call(h.app, viewer, 'GET', `${base()}/providers?${RANGE}&sort=nope`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBeDefined();
  });

  it('exports the tables as CSV for roles with reports.export', async () => {
    const providers = await call(h.app, marketer, 'GET', `${base()}/providers?${RANGE}&format=csv`);
    expect(providers.statusCode).toBe(200);
    expect(providers.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(providers.headers['content-disposition'])).toMatch(/^attachment; filename="providers-/);
    const json = (await call(h.app, marketer, 'GET', `${base()}/providers?${RANGE}`)).json();
    const lines = providers.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^provider,sends,deliveries,bounces,bounce_pct/);
    expect(lines).toHaveLength(json.items.length + 1);
    expect(lines.at(-1)?.startsWith('Other,')).toBe(true);
    const templates = await call(h.app, marketer, 'GET', `${base()}/engagement?${RANGE}&format=csv`);
    expect(templates.body.split('\r\n')[0]).toMatch(/^template,sent,delivered,unique_opens/);
    const denied = await call(h.app, viewer, 'GET', `${base()}/providers?${RANGE}&format=csv`);
    expect(denied.statusCode).toBe(403);
  });

  it('rejects bad input with clear 400s', async () => {
    for (const query of [
      'from=yesterday',
      'tz=Mars/Base',
      'channel=not-a-uuid',
      'from=2026-10-08T00:00:00Z&to=2026-10-01T00:00:00Z',
    ]) {
      const response = await call(h.app, viewer, 'GET', `${base()}/deliverability?${query}`);
      expect(response.statusCode).toBe(400);
      expect(typeof response.json().error.message).toBe('string');
    }
  });

  it('serves the public /v1 reports with a reports.read key, the same figures', async () => {
    const key = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/api-keys`, {
      name: 'reports',
      scopes: ['reports.read'],
      environment: 'live',
    });
    expect(key.statusCode).toBe(201);
    const headers = { authorization: `Bearer ${key.json().secret}` };
    for (const name of ['deliverability', 'providers', 'latency', 'engagement']) {
      const v1 = await h.app.inject({ method: 'GET', url: `/v1/reports/${name}?${RANGE}`, headers });
      expect(v1.statusCode).toBe(200);
      const dashboard = await call(h.app, viewer, 'GET', `${base()}/${name}?${RANGE}`);
      expect(v1.json()).toEqual(dashboard.json());
    }
    const narrow = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/api-keys`, {
      name: 'events only',
      scopes: ['events.read'],
      environment: 'live',
    });
    const refused = await h.app.inject({
      method: 'GET',
      url: `/v1/reports/providers?${RANGE}`,
      headers: { authorization: `Bearer ${narrow.json().secret}` },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBeDefined();
  });
});
