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
let support: Client;
let marketer: Client;
let viewer: Client;
let orgRows: Awaited<ReturnType<typeof load>>;

const RANGE = 'from=2026-10-01T00:00:00Z&to=2026-10-04T00:00:00Z';
const START = Date.UTC(2026, 9, 1);
const END = Date.UTC(2026, 9, 4);

/** The simulator's traffic for one organization, as the ingest would store it. */
async function load(organizationId: string) {
  const messages = generateMessages({
    seed: 7,
    organizations: [DEMO_ORGANIZATION],
    messages: 120,
    start: START,
    end: END,
    recipients: [
      'bounced@gmail.com',
      'Jane.Doe@Example.com',
      'complained@yahoo.com',
      'clicked@outlook.com',
      'x@gmail.com',
    ],
  });
  const rows = messages.flatMap((message) =>
    message.events
      .filter((event) => event.time < END)
      .flatMap((event) =>
        toEventRows(event.envelope as unknown as SesEventEnvelope, {
          organizationId,
          sendingIdentity: message.sendingIdentity,
          channelId: '',
          templateTagNames: DEFAULT_TEMPLATE_TAG_NAMES,
          retentionDays: 400,
          ingestedAt: event.envelope.time,
          raw: JSON.stringify(event.envelope),
        }),
      ),
  );
  await insertEventRows(analytics.store, rows);
  return rows;
}

beforeAll(async () => {
  analytics = await createTestAnalytics();
  h = await startHarness({ analytics: analytics.store });
  org = await orgWithOwner(h.app, h.test.db);
  other = await orgWithOwner(h.app, h.test.db);
  support = await addMember(h.app, h.test.db, org, 'customer_support');
  marketer = await addMember(h.app, h.test.db, org, 'marketer');
  viewer = await addMember(h.app, h.test.db, org, 'viewer');
  orgRows = await load(org.id);
  await load(other.id);
});
afterAll(async () => {
  await h?.close();
  await analytics?.destroy();
});

const base = () => `/api/orgs/${org.slug}/reports`;

describe('Messages routes', () => {
  it('pages through the messages with a cursor, newest first, no duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let sentAt = '9999';
    do {
      const url = `${base()}/messages?${RANGE}&limit=25${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await call(h.app, viewer, 'GET', url);
      expect(response.statusCode).toBe(200);
      const body = response.json() as {
        items: { messageId: string; recipient: string; sentAt: string }[];
        nextCursor: string | null;
      };
      for (const item of body.items) {
        expect(item.sentAt <= sentAt).toBe(true);
        sentAt = item.sentAt;
        seen.push(`${item.messageId}|${item.recipient}`);
      }
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(120);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('reads bare dates as days in tz: the Tokyo day of 2 October holds exactly the messages sent in it', async () => {
    const dayStart = Date.UTC(2026, 9, 1, 15); // 2026-10-02T00:00 in Asia/Tokyo (UTC+9)
    const dayEnd = Date.UTC(2026, 9, 2, 15);
    const expected = new Set(
      orgRows
        .filter((r) => {
          const sent = Date.parse(`${r.send_time.replace(' ', 'T')}Z`);
          return r.recipient !== '' && sent >= dayStart && sent < dayEnd;
        })
        .map((r) => `${r.message_id}|${r.recipient}`),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `${base()}/messages?from=2026-10-02&to=2026-10-03&tz=Asia/Tokyo&limit=40${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await call(h.app, viewer, 'GET', url)).json() as {
        items: { messageId: string; recipient: string }[];
        nextCursor: string | null;
      };
      seen.push(...body.items.map((m) => `${m.messageId}|${m.recipient}`));
      cursor = body.nextCursor;
    } while (cursor);
    expect(expected.size).toBeGreaterThan(10);
    expect(seen.sort()).toEqual([...expected].sort());
  });

  it('Customer Support finds a recipient; Marketer and Viewer may not search by recipient', async () => {
    const found = await call(
      h.app,
      support,
      'GET',
      `${base()}/messages?${RANGE}&recipient=JANE.DOE@example.com`,
    );
    expect(found.statusCode).toBe(200);
    const items = found.json().items as { recipient: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((m) => m.recipient === 'jane.doe@example.com')).toBe(true);
    for (const client of [marketer, viewer]) {
      const denied = await call(h.app, client, 'GET', `${base()}/messages?${RANGE}&recipient=jane`);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error.code).toBe('forbidden');
    }
  });

  it('shows a message timeline; another organization gets 404 for it', async () => {
    const list = await call(h.app, org.owner, 'GET', `${base()}/messages?${RANGE}&status=bounced&limit=1`);
    const [row] = list.json().items as { messageId: string; recipient: string }[];
    expect(row).toBeDefined();
    const url = `/reports/messages/${encodeURIComponent(row?.messageId ?? '')}?recipient=${row?.recipient}`;
    const detail = await call(h.app, viewer, 'GET', `${base()}${url.slice('/reports'.length)}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ status: 'bounced', bounce: { type: 'Permanent' } });
    expect(detail.json().timeline.map((e: { type: string }) => e.type)).toEqual(['Send', 'Bounce']);
    const foreign = await call(
      h.app,
      other.owner,
      'GET',
      `/api/orgs/${org.slug}/reports${url.slice('/reports'.length)}`,
    );
    expect(foreign.statusCode).toBe(404); // not a member: the organization is not disclosed
    const elsewhere = await call(
      h.app,
      other.owner,
      'GET',
      `/api/orgs/${other.slug}/reports/messages/nope?recipient=a@b.co`,
    );
    expect(elsewhere.statusCode).toBe(404);
  });

  it('exports the view as streamed CSV (reports.export), same rows as the list', async () => {
    const csv = await call(
      h.app,
      marketer,
      'GET',
      `${base()}/messages?${RANGE}&status=complained&format=csv`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="messages-/);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'sent_at,recipient,status,subject,from,sending_identity,template,channel_id,latest_event_at,message_id,events',
    );
    const json = await call(
      h.app,
      marketer,
      'GET',
      `${base()}/messages?${RANGE}&status=complained&limit=500`,
    );
    const items = json.json().items as { recipient: string; messageId: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(items.map((m) => m.recipient));
    expect((await call(h.app, viewer, 'GET', `${base()}/messages?${RANGE}&format=csv`)).statusCode).toBe(403);
  });

  it('refuses bad input with 400 invalid, never a 500', async () => {
    for (const query of ['status=lost', 'cursor=nope', 'limit=0', 'tz=Mars/Base', 'from=yesterday']) {
      const bad = await call(h.app, org.owner, 'GET', `${base()}/messages?${RANGE}&${query}`);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json().error.code).toBe('invalid');
    }
    const badType = await call(h.app, org.owner, 'GET', `${base()}/events?${RANGE}&type=Bogus`);
    expect(badType.statusCode).toBe(400);
    const badSince = await call(h.app, org.owner, 'GET', `${base()}/events?${RANGE}&since=zzz`);
    expect(badSince.statusCode).toBe(400);
  });
});

describe('Event Log and Suppressions routes', () => {
  it('filters events by type; since= answers changed=false until something new arrives', async () => {
    const first = await call(
      h.app,
      viewer,
      'GET',
      `${base()}/events?${RANGE}&type=Bounce,Complaint&limit=500`,
    );
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(new Set(body.items.map((e: { type: string }) => e.type))).toEqual(
      new Set(['Bounce', 'Complaint']),
    );
    expect(body.changed).toBe(true);
    const poll = await call(
      h.app,
      viewer,
      'GET',
      `${base()}/events?${RANGE}&type=Bounce,Complaint&since=${body.watermark}`,
    );
    expect(poll.json()).toEqual({ items: [], nextCursor: null, watermark: body.watermark, changed: false });
    // Without the type filter the view holds newer events than that watermark: a full page comes back.
    const wider = await call(h.app, viewer, 'GET', `${base()}/events?${RANGE}&since=${body.watermark}`);
    expect(wider.json().changed).toBe(true);
    expect(wider.json().items.length).toBeGreaterThan(0);
  });

  it('exports the Event Log and the Suppression list as CSV with the same rows as their JSON', async () => {
    const events = await call(h.app, marketer, 'GET', `${base()}/events?${RANGE}&type=Bounce&format=csv`);
    expect(events.statusCode).toBe(200);
    expect(events.headers['content-disposition']).toMatch(/^attachment; filename="events-/);
    const eventLines = events.body.trimEnd().split('\r\n');
    expect(eventLines[0]).toBe('at,type,recipient,message_id,event_id,subject,channel_id,detail');
    const eventJson = (
      await call(h.app, marketer, 'GET', `${base()}/events?${RANGE}&type=Bounce&limit=500`)
    ).json();
    expect(eventLines.slice(1).map((l) => l.split(',')[4])).toEqual(
      eventJson.items.map((e: { eventId: string }) => e.eventId),
    );
    const suppressions = await call(h.app, marketer, 'GET', `${base()}/suppressions?${RANGE}&format=csv`);
    const lines = suppressions.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('address,reason,detail,suppressed_at,diagnostic_code,message_id');
    const json = (await call(h.app, marketer, 'GET', `${base()}/suppressions?${RANGE}&limit=500`)).json();
    expect(json.items.length).toBeGreaterThan(0);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(
      json.items.map((s: { address: string }) => s.address),
    );
  });

  it('lists suppressed addresses with their reason; the public API answers the same with scoped keys', async () => {
    const response = await call(h.app, viewer, 'GET', `${base()}/suppressions?${RANGE}`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { address: string; reason: string }[];
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ address: 'bounced@gmail.com', reason: 'hard_bounce' }),
      ]),
    );
    const key = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/api-keys`, {
      name: 'reports',
      scopes: ['events.read', 'suppressions.read'],
      environment: 'live',
    });
    expect(key.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${key.json().secret}` };
    const v1 = await h.app.inject({ method: 'GET', url: `/v1/suppressions?${RANGE}`, headers: bearer });
    expect(v1.statusCode).toBe(200);
    expect(v1.json().items).toEqual(response.json().items);
    const messages = await h.app.inject({
      method: 'GET',
      url: `/v1/messages?${RANGE}&recipient=jane.doe@example.com`,
      headers: bearer,
    });
    expect(messages.statusCode).toBe(200);
    const [first] = messages.json().items as { messageId: string }[];
    const detail = await h.app.inject({
      method: 'GET',
      url: `/v1/messages/${encodeURIComponent(first?.messageId ?? '')}`,
      headers: bearer,
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().recipient).toBe('jane.doe@example.com');
    const events = await h.app.inject({ method: 'GET', url: `/v1/events?${RANGE}&limit=3`, headers: bearer });
    expect(events.json().items).toHaveLength(3);
    expect(typeof events.json().nextCursor).toBe('string');
    const narrow = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/api-keys`, {
      name: 'account only',
      scopes: ['account.read'],
      environment: 'live',
    });
    const refused = await h.app.inject({
      method: 'GET',
      url: `/v1/messages?${RANGE}`,
      headers: { authorization: `Bearer ${narrow.json().secret}` },
    });
    expect(refused.statusCode).toBe(403);
  });
});
