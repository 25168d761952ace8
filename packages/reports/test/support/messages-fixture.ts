// The shared oracle fixture of the Messages, Event Log and Suppression tests: the simulator's events
// for two organizations with identical traffic (org A's half delivered twice), in a fresh database.
import { randomUUID } from 'node:crypto';
import { insertEventRows } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import type { EventRow } from '@sendops/ses-events';
import { DEMO_ORGANIZATION, generateMessages, type SimulatedMessage } from '@sendops/simulator';
import type { Page, ReportFilter } from '../../src/index.ts';
import { simulatedRows } from './simulated-rows.ts';

// The test files read it from here with the rest of the fixture.
export { iso } from './event-time.ts';

export const START = Date.UTC(2026, 9, 1);
export const END = Date.UTC(2026, 9, 4);

export const orgA = { id: randomUUID(), channels: new Map<string, string>() };
export const orgB = { id: randomUUID(), channels: new Map<string, string>() };

const rowsFor = (org: typeof orgA, messages: SimulatedMessage[]) =>
  simulatedRows(messages, {
    organizationId: org.id,
    channels: org.channels,
    before: END,
    raw: (envelope) => JSON.stringify(envelope),
  });

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

export interface MessagesFixture {
  analytics: TestAnalytics;
  /** Org A's rows, one per (event, recipient): what FINAL must show. */
  rows: EventRow[];
}

/** Loads the fixture into a new test database (the caller destroys `analytics`). */
export async function loadMessagesFixture(): Promise<MessagesFixture> {
  const analytics = await createTestAnalytics();
  const messages = generateMessages({
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
  const rows = [...rowsFor(orgA, messages), ...synthetic(rowsFor(orgA, messages))];
  await insertEventRows(analytics.store, rows);
  // The same events delivered twice (an EventBridge retry past the ingest's dedupe), and org B's copy.
  await insertEventRows(analytics.store, rows.slice(0, Math.floor(rows.length / 2)));
  await insertEventRows(analytics.store, [...rowsFor(orgB, messages), ...synthetic(rowsFor(orgB, messages))]);
  return { analytics, rows };
}

export const filterOf = (org: typeof orgA, from: number, to: number, channelId?: string): ReportFilter => ({
  organizationId: org.id,
  from: new Date(from),
  to: new Date(to),
  timezone: 'Europe/Berlin',
  channelId,
});

export async function walk<T>(load: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await load(cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return all;
}

export const desc = (a: string[], b: string[]) => {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as string) !== (b[i] as string)) return (a[i] as string) < (b[i] as string) ? 1 : -1;
  }
  return 0;
};
