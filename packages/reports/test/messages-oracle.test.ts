import { randomUUID } from 'node:crypto';
import type { TestAnalytics } from '@sendops/analytics/testing';
import type { EventRow } from '@sendops/ses-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMessageDetail, listEventLog, listMessages, type MessageRow } from '../src/index.ts';
import {
  desc,
  END,
  filterOf,
  iso,
  loadMessagesFixture,
  orgA,
  orgB,
  START,
  walk,
} from './support/messages-fixture.ts';

/**
 * Oracle: the simulator's events for two organizations with identical traffic, inserted with
 * duplicates; every figure of the Messages and Event Log views recomputed here in plain TypeScript
 * from the same rows, independently of the SQL (the Suppression list: suppressions-oracle.test.ts).
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

let analytics: TestAnalytics;
/** Org A's rows, one per (event, recipient): what FINAL must show. */
let rows: EventRow[];

beforeAll(async () => {
  ({ analytics, rows } = await loadMessagesFixture());
});
afterAll(async () => {
  await analytics?.destroy();
});

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
