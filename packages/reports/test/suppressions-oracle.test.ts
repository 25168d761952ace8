// Suppression list against the oracle: the shared messages fixture, plus crafted organizations whose
// newest suppressions are mostly lifted by a later delivery.
import { randomUUID } from 'node:crypto';
import { insertEventRows } from '@sendops/analytics';
import type { TestAnalytics } from '@sendops/analytics/testing';
import type { EventRow } from '@sendops/ses-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listSuppressions,
  type ReportFilter,
  type SuppressionRow,
  suppressionReasonOf,
} from '../src/index.ts';
import {
  desc,
  END,
  filterOf,
  iso,
  loadMessagesFixture,
  orgA,
  START,
  walk,
} from './support/messages-fixture.ts';

let analytics: TestAnalytics;
/** Org A's rows, one per (event, recipient). */
let rows: EventRow[];

beforeAll(async () => {
  ({ analytics, rows } = await loadMessagesFixture());
});
afterAll(async () => {
  await analytics?.destroy();
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
