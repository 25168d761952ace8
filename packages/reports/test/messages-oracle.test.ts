import { randomUUID } from 'node:crypto';
import { insertEventRows } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import {
  DEFAULT_TEMPLATE_TAG_NAMES,
  type EventRow,
  type SesEventEnvelope,
  toEventRows,
} from '@sendops/ses-events';
import { DEMO_ORGANIZATION, generateMessages, type SimulatedMessage } from '@sendops/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getMessageDetail,
  listEventLog,
  listMessages,
  listSuppressions,
  type MessageRow,
  type Page,
  type ReportFilter,
  type SuppressionRow,
  suppressionReasonOf,
} from '../src/index.ts';

/**
 * Oracle: the simulator's events for two organizations with identical traffic, inserted with
 * duplicates; every figure of the Messages, Event Log and Suppression views recomputed here in plain
 * TypeScript from the same rows, independently of the SQL.
 */

// Precedence restated independently of src/messages/message-status.ts (highest first).
const PRECEDENCE: [string, string][] = [
  ['Complaint', 'complained'],
  ['Bounce', 'bounced'],
  ['Reject', 'rejected'],
  ['Rendering Failure', 'failed'],
  ['Click', 'clicked'],
  ['Open', 'opened'],
  ['Delivery', 'delivered'],
  ['DeliveryDelay', 'delayed'],
  ['Send', 'sent'],
];
const oracleStatus = (types: Set<string>) => PRECEDENCE.find(([type]) => types.has(type))?.[1];

const START = Date.UTC(2026, 9, 1);
const END = Date.UTC(2026, 9, 4);
const iso = (time: string) => `${time.replace(' ', 'T')}Z`;

let analytics: TestAnalytics;
let messages: SimulatedMessage[];
const orgA = { id: randomUUID(), channels: new Map<string, string>() };
const orgB = { id: randomUUID(), channels: new Map<string, string>() };
/** Org A's rows, one per (event, recipient): what FINAL must show. */
let rows: EventRow[];

function rowsFor(org: typeof orgA): EventRow[] {
  const out: EventRow[] = [];
  for (const message of messages) {
    let channelId = org.channels.get(message.configurationSet);
    if (channelId === undefined) {
      channelId = randomUUID();
      org.channels.set(message.configurationSet, channelId);
    }
    for (const event of message.events) {
      if (event.time >= END) continue;
      out.push(
        ...toEventRows(event.envelope as unknown as SesEventEnvelope, {
          organizationId: org.id,
          sendingIdentity: message.sendingIdentity,
          channelId,
          templateTagNames: DEFAULT_TEMPLATE_TAG_NAMES,
          retentionDays: 400,
          ingestedAt: event.envelope.time,
          raw: JSON.stringify(event.envelope),
        }),
      );
    }
  }
  return out;
}

/**
 * Cases the steered traffic does not leave standing by the window's end: a message with only its Send
 * (`sent`), one still delayed (`delayed`), and a complaint from an address never delivered to again.
 */
function synthetic(source: EventRow[]): EventRow[] {
  const pick = (type: string, recipient: string) =>
    source.find((r) => r.event_type === type && r.recipient === recipient) as EventRow;
  const copy = (row: EventRow, messageId: string, extra: Partial<EventRow> = {}): EventRow => ({
    ...row,
    ...extra,
    event_id: `${row.event_id}-${messageId}`,
    message_id: messageId,
  });
  const delayedSend = pick('Send', 'delayed@gmx.de');
  return [
    copy(delayedSend, 'synthetic-sent'),
    copy(delayedSend, 'synthetic-delayed'),
    copy(pick('DeliveryDelay', 'delayed@gmx.de'), 'synthetic-delayed'),
    copy(pick('Complaint', 'complained@yahoo.com'), 'synthetic-complaint', {
      recipient: 'complainer@yahoo.com',
    }),
  ];
}

beforeAll(async () => {
  analytics = await createTestAnalytics();
  messages = generateMessages({
    seed: 42,
    organizations: [DEMO_ORGANIZATION],
    messages: 400,
    start: START,
    end: END,
    // Steered recipients make sure every status and suppression reason occurs.
    recipients: [
      ...Array.from({ length: 40 }, (_, i) => `user${i}@gmail.com`),
      'complained@yahoo.com',
      'bounced@outlook.com',
      'suppressed@gmail.com',
      'suppressionlist@web.de',
      'rejected@gmail.com',
      'renderfail@gmail.com',
      'delayed@gmx.de',
      'clicked+1@icloud.com',
      'opened@corp-example.com',
      ['delivered@gmail.com', 'Mixed.Case@Example.org'],
      ...Array.from({ length: 30 }, (_, i) => `user${i}@gmail.com`),
    ],
  });
  rows = [...rowsFor(orgA), ...synthetic(rowsFor(orgA))];
  await insertEventRows(analytics.store, rows);
  // The same events delivered twice (an EventBridge retry past the ingest's dedupe), and org B's copy.
  await insertEventRows(analytics.store, rows.slice(0, Math.floor(rows.length / 2)));
  await insertEventRows(analytics.store, [...rowsFor(orgB), ...synthetic(rowsFor(orgB))]);
});
afterAll(async () => {
  await analytics?.destroy();
});

const filterOf = (org: typeof orgA, from: number, to: number, channelId?: string): ReportFilter => ({
  organizationId: org.id,
  from: new Date(from),
  to: new Date(to),
  timezone: 'Europe/Berlin',
  channelId,
});

async function walk<T>(load: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await load(cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return all;
}

const desc = (a: string[], b: string[]) => {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as string) !== (b[i] as string)) return (a[i] as string) < (b[i] as string) ? 1 : -1;
  }
  return 0;
};

function oracleMessages(from: number, to: number, keep: (r: EventRow) => boolean = () => true) {
  const groups = new Map<string, EventRow[]>();
  for (const row of rows) {
    const sent = Date.parse(iso(row.send_time));
    if (row.recipient === '' || sent < from || sent >= to || !keep(row)) continue;
    const key = `${row.send_time}|${row.message_id}|${row.recipient}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const out: MessageRow[] = [];
  for (const events of groups.values()) {
    const status = oracleStatus(new Set(events.map((e) => e.event_type)));
    if (status === undefined) continue;
    const first = events[0] as EventRow;
    out.push({
      messageId: first.message_id,
      recipient: first.recipient,
      status: status as MessageRow['status'],
      subject: events.find((e) => e.subject !== '')?.subject ?? '',
      from: first.source_address,
      sendingIdentity: first.sending_identity,
      template: events.find((e) => e.template !== '')?.template ?? '',
      channelId: first.channel_id,
      sentAt: iso(first.send_time),
      latestEventAt: iso(
        events
          .map((e) => e.event_time)
          .sort()
          .at(-1) as string,
      ),
      events: events.length,
    });
  }
  return out.sort((a, b) => desc([a.sentAt, a.messageId, a.recipient], [b.sentAt, b.messageId, b.recipient]));
}

describe('Messages list against the oracle', () => {
  const from = START + 6 * 3_600_000;
  const to = END - 6 * 3_600_000;

  it('walks every page: the full set in order, no duplicates, statuses by precedence', async () => {
    const listed = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgA, from, to), { cursor, limit: 37 }),
    );
    const expected = oracleMessages(from, to);
    expect(expected.length).toBeGreaterThan(200);
    expect(listed).toEqual(expected);
    expect(new Set(listed.map((m) => `${m.messageId}|${m.recipient}`)).size).toBe(listed.length);
    // Every status of the precedence occurs in this traffic, so each rule is exercised.
    expect(new Set(listed.map((m) => m.status))).toEqual(
      new Set([
        'complained',
        'bounced',
        'rejected',
        'failed',
        'clicked',
        'opened',
        'delivered',
        'delayed',
        'sent',
      ]),
    );
  });

  it('filters by status, template, identity and channel exactly', async () => {
    const expected = oracleMessages(from, to);
    for (const status of ['bounced', 'complained', 'clicked', 'delayed'] as const) {
      const listed = await walk((cursor) =>
        listMessages(analytics.store, filterOf(orgA, from, to), { status, cursor, limit: 50 }),
      );
      expect(listed, status).toEqual(expected.filter((m) => m.status === status));
    }
    const template = expected.find((m) => m.template !== '')?.template as string;
    const identity = expected[0]?.sendingIdentity as string;
    const byTemplate = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgA, from, to), { template, identity, cursor, limit: 50 }),
    );
    expect(byTemplate).toEqual(
      expected.filter((m) => m.template === template && m.sendingIdentity === identity),
    );
    const [configSet, channelId] = [...orgA.channels][0] as [string, string];
    const byChannel = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgA, from, to, channelId), { cursor, limit: 100 }),
    );
    expect(configSet).not.toBe('');
    expect(byChannel).toEqual(expected.filter((m) => m.channelId === channelId));
    expect(byChannel.length).toBeGreaterThan(0);
  });

  it('searches recipients case-insensitively: a complete address exactly, otherwise a substring', async () => {
    const expected = oracleMessages(from, to);
    const exact = await listMessages(analytics.store, filterOf(orgA, START, END), {
      recipient: '  MIXED.case@example.ORG ',
      limit: 50,
    });
    expect(exact.items).toEqual(
      oracleMessages(START, END).filter((m) => m.recipient === 'mixed.case@example.org'),
    );
    expect(exact.items.length).toBeGreaterThan(0);
    // `user1@gmail.com` is exact: user10@…, user11@… are not matches.
    const user1 = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgA, from, to), {
        recipient: 'User1@Gmail.com',
        cursor,
        limit: 10,
      }),
    );
    expect(user1).toEqual(expected.filter((m) => m.recipient === 'user1@gmail.com'));
    // A complete address with the event filters: the pair is listed when its events match them.
    const [, channelId] = [...orgA.channels][0] as [string, string];
    const user1InChannel = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgA, from, to, channelId), {
        recipient: 'user1@gmail.com',
        cursor,
        limit: 3,
      }),
    );
    expect(user1InChannel).toEqual(user1.filter((m) => m.channelId === channelId));
    const sample = user1[0] as MessageRow;
    const user1ByTemplate = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgA, from, to), {
        recipient: 'user1@gmail.com',
        template: sample.template,
        identity: sample.sendingIdentity,
        cursor,
        limit: 3,
      }),
    );
    expect(user1ByTemplate).toEqual(
      user1.filter((m) => m.template === sample.template && m.sendingIdentity === sample.sendingIdentity),
    );
    expect(user1ByTemplate.length).toBeGreaterThan(0);
    const partial = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgA, from, to), { recipient: 'USER1', cursor, limit: 10 }),
    );
    expect(partial).toEqual(expected.filter((m) => m.recipient.includes('user1')));
    expect(partial.length).toBeGreaterThan(user1.length);
  });

  it('half-open range at millisecond precision; an empty period is an empty page', async () => {
    const all = oracleMessages(START, END);
    const pivot = all[Math.floor(all.length / 2)] as MessageRow;
    const at = Date.parse(pivot.sentAt);
    const before = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgA, START, at), { cursor, limit: 200 }),
    );
    const after = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgA, at, END), { cursor, limit: 200 }),
    );
    expect(before).toEqual(oracleMessages(START, at));
    expect(after).toEqual(oracleMessages(at, END));
    expect(after.some((m) => m.messageId === pivot.messageId)).toBe(true);
    expect(before.some((m) => m.messageId === pivot.messageId)).toBe(false);
    const empty = await listMessages(analytics.store, filterOf(orgA, START - 86_400_000, START), {
      limit: 10,
    });
    expect(empty).toEqual({ items: [], nextCursor: null });
  });

  it('organizations with identical data see only their own rows', async () => {
    const a = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgA, from, to), { cursor, limit: 500 }),
    );
    const b = await walk((cursor) =>
      listMessages(analytics.store, filterOf(orgB, from, to), { cursor, limit: 500 }),
    );
    expect(b.length).toBe(a.length);
    const aChannels = new Set(orgA.channels.values());
    expect(b.every((m) => !aChannels.has(m.channelId))).toBe(true);
    expect(b.map((m) => m.events)).toEqual(a.map((m) => m.events));
  });
});

describe('Message detail against the oracle', () => {
  it('shows every event of the message for the recipient once, with bounce, complaint, engagement', async () => {
    const cases = [
      'bounced@outlook.com',
      'complained@yahoo.com',
      'clicked+1@icloud.com',
      'suppressed@gmail.com',
    ];
    for (const recipient of cases) {
      const own = rows.filter((r) => r.recipient === recipient);
      const messageId = own[0]?.message_id as string;
      const detail = await getMessageDetail(analytics.store, orgA.id, messageId, recipient.toUpperCase());
      const events = own
        .filter((r) => r.message_id === messageId)
        .sort((x, y) => desc([y.event_time, y.event_id], [x.event_time, x.event_id]));
      expect(
        detail?.timeline.map((e) => e.eventId),
        recipient,
      ).toEqual(events.map((e) => e.event_id));
      expect(detail?.status).toBe(oracleStatus(new Set(events.map((e) => e.event_type))));
      expect(detail?.headers.length).toBeGreaterThan(0);
      const bounce = events.findLast((e) => e.event_type === 'Bounce');
      expect(detail?.bounce?.diagnosticCode ?? null).toBe(bounce?.diagnostic_code ?? null);
      const complaint = events.findLast((e) => e.event_type === 'Complaint');
      expect(detail?.complaint?.feedbackType ?? null).toBe(complaint?.complaint_feedback_type ?? null);
      const delivery = events.find((e) => e.event_type === 'Delivery');
      expect(detail?.deliveryProcessingMs ?? null).toBe(delivery ? delivery.processing_time_ms : null);
      expect(detail?.clicks.total).toBe(events.filter((e) => e.event_type === 'Click').length);
      expect(detail?.timeline[0]?.raw).toMatchObject({ detail: { mail: { messageId } } });
    }
  });

  it('is null for another organization’s message and for a recipient the message did not have', async () => {
    const messageId = rows[0]?.message_id as string;
    expect(await getMessageDetail(analytics.store, randomUUID(), messageId)).toBeNull();
    expect(await getMessageDetail(analytics.store, orgA.id, messageId, 'nobody@nowhere.test')).toBeNull();
    expect(await getMessageDetail(analytics.store, orgA.id, 'no-such-message')).toBeNull();
  });
});

describe('Event Log against the oracle', () => {
  const from = START + 12 * 3_600_000;
  const to = END - 12 * 3_600_000;
  const inRange = () =>
    rows
      .filter((r) => {
        const t = Date.parse(iso(r.event_time));
        return t >= from && t < to;
      })
      .sort((a, b) => desc([a.event_time, a.event_id, a.recipient], [b.event_time, b.event_id, b.recipient]));

  it('walks the raw stream newest first, each event once; filters by type and recipient', async () => {
    const listed = await walk((cursor) =>
      listEventLog(analytics.store, filterOf(orgA, from, to), { cursor, limit: 97 }),
    );
    expect(listed.map((e) => `${e.eventId}|${e.recipient}`)).toEqual(
      inRange().map((r) => `${r.event_id}|${r.recipient}`),
    );
    const types = ['Bounce', 'Complaint'];
    const filtered = await walk((cursor) =>
      listEventLog(analytics.store, filterOf(orgA, from, to), {
        types,
        recipient: 'gmail',
        cursor,
        limit: 5,
      }),
    );
    expect(filtered.map((e) => e.eventId)).toEqual(
      inRange()
        .filter((r) => types.includes(r.event_type) && r.recipient.includes('gmail'))
        .map((r) => r.event_id),
    );
  });
});

describe('Suppression list against the oracle', () => {
  it('lists addresses whose latest suppressing event is not followed by a delivery, with reasons', async () => {
    const latest = new Map<string, EventRow>();
    for (const r of rows) {
      const suppressing =
        r.event_type === 'Complaint' || (r.event_type === 'Bounce' && r.bounce_type === 'Permanent');
      if (!suppressing || r.recipient === '') continue;
      const prior = latest.get(r.recipient);
      if (!prior || desc([r.event_time, r.event_id], [prior.event_time, prior.event_id]) < 0)
        latest.set(r.recipient, r);
    }
    const expected: SuppressionRow[] = [...latest.values()]
      .filter(
        (s) =>
          !rows.some(
            (r) => r.event_type === 'Delivery' && r.recipient === s.recipient && r.event_time > s.event_time,
          ),
      )
      .map(
        (s): SuppressionRow => ({
          address: s.recipient,
          reason:
            s.event_type === 'Complaint'
              ? 'complaint'
              : s.bounce_sub_type === 'OnAccountSuppressionList'
                ? 'account_suppression_list'
                : s.bounce_sub_type === 'Suppressed'
                  ? 'global_suppression_list'
                  : 'hard_bounce',
          detail: s.event_type === 'Complaint' ? s.complaint_feedback_type : s.bounce_sub_type,
          diagnosticCode: s.diagnostic_code,
          suppressedAt: iso(s.event_time),
          messageId: s.message_id,
        }),
      )
      .sort((a, b) => desc([a.suppressedAt, a.address], [b.suppressedAt, b.address]));
    const listed = await walk((cursor) =>
      listSuppressions(analytics.store, filterOf(orgA, START, END), { cursor, limit: 3 }),
    );
    expect(listed).toEqual(expected);
    expect(new Set(listed.map((s) => s.reason))).toEqual(
      new Set(['complaint', 'account_suppression_list', 'global_suppression_list', 'hard_bounce']),
    );
  });

  it('fills a page from past lifted addresses: the newest suppressions mostly followed by a delivery', async () => {
    // A third organization of crafted rows: 40 addresses suppressed a minute apart; a delivery lifts
    // all but every seventh of the newest 30, so the first batch of candidates leaves the page short.
    const org = randomUUID();
    const bounce = rows.find((r) => r.event_type === 'Bounce' && r.bounce_type === 'Permanent') as EventRow;
    const delivery = rows.find((r) => r.event_type === 'Delivery') as EventRow;
    const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    const base = START + 3_600_000;
    const crafted: EventRow[] = [];
    const expected: SuppressionRow[] = [];
    for (let i = 0; i < 40; i++) {
      const address = `lifted${String(i).padStart(2, '0')}@example.com`;
      const at = base + i * 60_000;
      const of = { organization_id: org, recipient: address, recipient_domain: 'example.com' };
      crafted.push({
        ...bounce,
        ...of,
        event_id: `crafted-bounce-${i}`,
        message_id: `crafted-${i}`,
        event_time: time(at),
        send_time: time(at - 1_000),
      });
      const lifted = i >= 10 && i % 7 !== 0;
      if (lifted) {
        crafted.push({
          ...delivery,
          ...of,
          event_id: `crafted-delivery-${i}`,
          message_id: `crafted-later-${i}`,
          event_time: time(at + 30_000),
          send_time: time(at + 29_000),
        });
      } else {
        expected.push({
          address,
          reason: suppressionReasonOf('Bounce', bounce.bounce_sub_type),
          detail: bounce.bounce_sub_type,
          diagnosticCode: bounce.diagnostic_code,
          suppressedAt: iso(time(at)),
          messageId: `crafted-${i}`,
        });
      }
    }
    await insertEventRows(analytics.store, crafted);
    await insertEventRows(analytics.store, crafted.slice(0, 20));
    expected.reverse();
    const filter: ReportFilter = { ...filterOf(orgA, START, END), organizationId: org };
    expect(await walk((cursor) => listSuppressions(analytics.store, filter, { cursor, limit: 4 }))).toEqual(
      expected,
    );
    const first = await listSuppressions(analytics.store, filter, { limit: 12 });
    expect(first.items).toEqual(expected.slice(0, 12));
    expect(first.nextCursor).not.toBeNull();
  });

  it('reaches suppressions behind hundreds of lifted ones (growing batches, then one pass)', async () => {
    // 400 addresses suppressed a minute apart, all lifted but the oldest three: every candidate batch
    // comes back empty and the page is filled by the pass over the whole range.
    const org = randomUUID();
    const bounce = rows.find((r) => r.event_type === 'Bounce' && r.bounce_type === 'Permanent') as EventRow;
    const delivery = rows.find((r) => r.event_type === 'Delivery') as EventRow;
    const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    const crafted: EventRow[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 400; i++) {
      const address = `deep${String(i).padStart(3, '0')}@example.com`;
      const at = START + 3_600_000 + i * 60_000;
      const of = { organization_id: org, recipient: address, recipient_domain: 'example.com' };
      crafted.push({ ...bounce, ...of, event_id: `deep-bounce-${i}`, event_time: time(at) });
      if (i >= 3)
        crafted.push({ ...delivery, ...of, event_id: `deep-delivery-${i}`, event_time: time(at + 30_000) });
      else expected.unshift(address);
    }
    await insertEventRows(analytics.store, crafted);
    const filter: ReportFilter = { ...filterOf(orgA, START, END), organizationId: org };
    const first = await listSuppressions(analytics.store, filter, { limit: 2 });
    expect(first.items.map((row) => row.address)).toEqual(expected.slice(0, 2));
    const all = await walk((cursor) => listSuppressions(analytics.store, filter, { cursor, limit: 2 }));
    expect(all.map((row) => row.address)).toEqual(expected);
  });
});
