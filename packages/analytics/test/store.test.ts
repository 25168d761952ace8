import { randomUUID } from 'node:crypto';
import type { EventRow } from '@sendops/ses-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appliedMigrations,
  countEvents,
  countEventsByType,
  insertEventRows,
  MigrationChecksumError,
  migrateAnalytics,
} from '../src/index.ts';
import { analyticsMigrations } from '../src/migrations/index.ts';
import { createTestAnalytics, type TestAnalytics } from '../src/testing/index.ts';

function row(organizationId: string, overrides: Partial<EventRow> = {}): EventRow {
  return {
    organization_id: organizationId,
    event_id: randomUUID(),
    event_type: 'Delivery',
    event_time: '2026-11-20 10:00:00.123',
    send_time: '2026-11-20 09:59:59.000',
    message_id: '0100018c-abc',
    recipient: 'ana@gmail.com',
    recipient_domain: 'gmail.com',
    provider: 'Gmail',
    source_address: 'news@acme.dev',
    source_domain: 'acme.dev',
    sending_identity: 'acme.dev',
    aws_account_id: '123456789012',
    aws_region: 'us-east-1',
    configuration_set: 'sesmail-transactional',
    channel_id: '',
    template: 'welcome',
    subject: 'Grüße aus Köln — 你好',
    tags: { 'ses:configuration-set': ['sesmail-transactional'] },
    bounce_type: '',
    bounce_sub_type: '',
    diagnostic_code: '',
    dsn_status: '',
    dsn_action: '',
    complaint_feedback_type: '',
    complaint_sub_type: '',
    processing_time_ms: 1234,
    smtp_response: '250 2.0.0 OK',
    delay_type: '',
    delay_expiration_time: '',
    link: '',
    link_tags: {},
    user_agent: '',
    ip_address: '',
    reject_reason: '',
    rendering_error: '',
    rendering_template: '',
    subscription: '',
    raw: '{}',
    retention_days: 400,
    ingested_at: '2026-11-20 10:00:01.000',
    ...overrides,
  };
}

let analytics: TestAnalytics;
beforeAll(async () => {
  analytics = await createTestAnalytics();
});
afterAll(async () => {
  await analytics.destroy();
});

describe('migrations', () => {
  it('are recorded once and re-running applies nothing', async () => {
    expect((await appliedMigrations(analytics.store)).map((m) => m.version)).toEqual(
      analyticsMigrations.map((m) => m.version),
    );
    expect(await migrateAnalytics(analytics.store)).toEqual([]);
  });

  it('refuse a migration whose SQL changed after it was applied', async () => {
    const [first] = analyticsMigrations;
    const edited = [{ ...first!, sql: `${first!.sql}\n-- edited` }];
    await expect(migrateAnalytics(analytics.store, edited)).rejects.toBeInstanceOf(MigrationChecksumError);
  });
});

describe('ses_events', () => {
  it('round-trips every column, including non-ASCII text and maps', async () => {
    const org = randomUUID();
    const original = row(org);
    await insertEventRows(analytics.store, [original]);
    const result = await analytics.store.client.query({
      query: `SELECT * EXCEPT (organization_id) FROM ${analytics.store.database}.ses_events WHERE organization_id = {org:UUID}`,
      query_params: { org },
      format: 'JSONEachRow',
    });
    const [stored] = await result.json<Record<string, unknown>>();
    const { organization_id: _ignored, ...expected } = original;
    expect(stored).toEqual(expected);
  });

  it('skips a retried batch carrying the same dedupe token', async () => {
    const org = randomUUID();
    const rows = [row(org), row(org, { recipient: 'bo@yahoo.com' })];
    await insertEventRows(analytics.store, rows, { dedupeToken: `batch-${org}` });
    await insertEventRows(analytics.store, rows, { dedupeToken: `batch-${org}` });
    const raw = await analytics.store.client.query({
      query: `SELECT count() AS n FROM ${analytics.store.database}.ses_events WHERE organization_id = {org:UUID}`,
      query_params: { org },
      format: 'JSONEachRow',
    });
    expect(Number((await raw.json<{ n: string }>())[0]!.n)).toBe(2);
  });

  it('stores a token-less insert that follows a tokened one (settings must not leak between inserts)', async () => {
    const org = randomUUID();
    await insertEventRows(analytics.store, [row(org)], { dedupeToken: `leak-${org}` });
    await insertEventRows(analytics.store, [row(org)]);
    await insertEventRows(analytics.store, [row(org)]);
    expect(await countEvents(analytics.store, org)).toBe(3);
  });

  it('counts an event re-delivered in another batch once, before any merge', async () => {
    const org = randomUUID();
    const event = row(org, { event_type: 'Bounce' });
    await insertEventRows(analytics.store, [event, row(org)]);
    await insertEventRows(analytics.store, [{ ...event, ingested_at: '2026-11-20 11:00:00.000' }]);
    expect(await countEvents(analytics.store, org)).toBe(2);
    expect(await countEventsByType(analytics.store, org)).toEqual([
      { event_type: 'Bounce', events: 1 },
      { event_type: 'Delivery', events: 1 },
    ]);
  });

  it('keeps organizations apart', async () => {
    const a = randomUUID();
    const b = randomUUID();
    await insertEventRows(analytics.store, [row(a), row(a), row(b)]);
    expect(await countEvents(analytics.store, a)).toBe(2);
    expect(await countEvents(analytics.store, b)).toBe(1);
  });
});
