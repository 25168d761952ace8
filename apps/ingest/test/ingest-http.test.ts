import { listAccountEvents, listDeadLetters, listEventKeys } from '@sendops/analytics';
import { createDatabase } from '@sendops/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestService } from '../src/ingest-service.ts';
import { postgresControlPlane } from '../src/pipeline/control-plane.ts';
import {
  createHarness,
  expectEventRows,
  freshEvent,
  type Harness,
  type TestOrganization,
} from './support/harness.ts';

let harness: Harness;
let service: IngestService;

beforeAll(async () => {
  harness = await createHarness();
  service = await harness.startService();
});
afterAll(async () => {
  await harness.destroy();
});

const newOrg = () => harness.createOrg({ identities: ['example.com'] });

async function post(org: TestOrganization | undefined, body: unknown, headers: Record<string, string> = {}) {
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return service.app.inject({
    method: 'POST',
    url: '/ingest/eventbridge',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Amazon/EventBridge/ApiDestinations',
      ...(org ? { 'x-api-key': org.apiKey } : {}),
      ...headers,
    },
    payload,
  });
}

describe('POST /ingest/eventbridge: accepted events', () => {
  it('stores one row per recipient with the channel resolved from the configuration set', async () => {
    const org = await newOrg();
    const send = freshEvent('send');
    send.detail.mail.destination = ['a@gmail.com', 'b@outlook.com'];
    send.detail.mail.tags['ses:configuration-set'] = ['sesmail-transactional'];
    const response = await post(org, send);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'accepted', eventId: send.id, rows: 2 });
    await expectEventRows(harness.store, org.id, 2);
    const keys = await listEventKeys(harness.store, org.id);
    expect(keys.map((k) => [k.recipient, k.provider, k.channel_id])).toEqual([
      ['a@gmail.com', 'Gmail', org.transactionalChannelId],
      ['b@outlook.com', 'Microsoft', org.transactionalChannelId],
    ]);
  });

  it('stores the request body byte for byte in raw, compact or not', async () => {
    const org = await newOrg();
    const compact = freshEvent('delivery');
    compact.detail.mail.commonHeaders.subject = 'Tab\there "q" \\ é 😀 \u2028';
    const bodies = [
      JSON.stringify(compact),
      JSON.stringify(freshEvent('delivery'), null, 2),
      JSON.stringify(freshEvent('delivery')).replace(',', ',\t\r'),
      `  ${JSON.stringify(freshEvent('delivery'))}\n`,
    ];
    for (const body of bodies) expect((await post(org, body)).json().status).toBe('accepted');
    await expectEventRows(harness.store, org.id, bodies.length);
    const result = await harness.store.client.query({
      query: `SELECT event_id, raw, subject FROM ${harness.store.database}.ses_events FINAL
              WHERE organization_id = {org:UUID}`,
      query_params: { org: org.id },
      format: 'JSONEachRow',
    });
    const stored = new Map(
      (await result.json<{ event_id: string; raw: string; subject: string }>()).map((r) => [r.event_id, r]),
    );
    for (const body of bodies) expect(stored.get(JSON.parse(body).id)?.raw).toBe(body);
    expect(stored.get(compact.id)?.subject).toBe(compact.detail.mail.commonHeaders.subject);
  });

  it('stores a body with invalid UTF-8 as its decoded text, as before', async () => {
    const org = await newOrg();
    const event = freshEvent('delivery');
    event.detail.mail.commonHeaders.subject = 'broken: @';
    const text = JSON.stringify(event);
    const bytes = Buffer.from(text);
    bytes[bytes.indexOf('broken: @') + 8] = 0xff;
    expect((await post(org, bytes)).json().status).toBe('accepted');
    await expectEventRows(harness.store, org.id, 1);
    const result = await harness.store.client.query({
      query: `SELECT raw, subject FROM ${harness.store.database}.ses_events FINAL WHERE organization_id = {org:UUID}`,
      query_params: { org: org.id },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ raw: string; subject: string }>();
    expect(row).toEqual({ raw: bytes.toString('utf8'), subject: 'broken: \ufffd' });
  });

  it("fans a multi-recipient bounce out with each recipient's own diagnostic", async () => {
    const org = await newOrg();
    const bounce = freshEvent('bounce');
    bounce.detail.bounce.bouncedRecipients = [
      {
        emailAddress: 'x@yahoo.com',
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 user unknown',
      },
      {
        emailAddress: 'y@gmx.de',
        action: 'failed',
        status: '5.2.2',
        diagnosticCode: 'smtp; 552 5.2.2 mailbox full',
      },
    ];
    const response = await post(org, bounce);
    expect(response.json()).toMatchObject({ status: 'accepted', rows: 2 });
    await expectEventRows(harness.store, org.id, 2);
    const result = await harness.store.client.query({
      query: `SELECT recipient, dsn_status, diagnostic_code FROM ${harness.store.database}.ses_events FINAL
              WHERE organization_id = {org:UUID} ORDER BY recipient`,
      query_params: { org: org.id },
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([
      { recipient: 'x@yahoo.com', dsn_status: '5.1.1', diagnostic_code: 'smtp; 550 5.1.1 user unknown' },
      { recipient: 'y@gmx.de', dsn_status: '5.2.2', diagnostic_code: 'smtp; 552 5.2.2 mailbox full' },
    ]);
  });

  it('accepts every documented SES event type and an unknown future one', async () => {
    const org = await newOrg();
    const names = [
      'send',
      'delivery',
      'bounce',
      'complaint',
      'reject',
      'open',
      'click',
      'delivery-delay',
      'rendering-failure',
      'subscription',
    ] as const;
    for (const name of names) {
      const response = await post(org, freshEvent(name));
      expect(response.statusCode, name).toBe(200);
      expect(response.json().status, name).toBe('accepted');
    }
    const future = freshEvent('send');
    future['detail-type'] = 'Email Teleported';
    future.detail.eventType = 'Teleport';
    future.detail.teleport = { destination: 'mars' };
    expect((await post(org, future)).json().status).toBe('accepted');
    await expectEventRows(harness.store, org.id, names.length + 1);
    const types = new Set((await listEventKeys(harness.store, org.id)).map((k) => k.event_type));
    expect(types).toContain('Rendering Failure');
    expect(types).toContain('Teleport');
  });

  it('records account-level aws.ses events', async () => {
    const org = await newOrg();
    for (const name of ['sending-status-disabled', 'advisor-recommendation-status-open'] as const) {
      const response = await post(org, freshEvent(name));
      expect(response.json().status).toBe('accepted');
    }
    await expect
      .poll(async () => (await listAccountEvents(harness.store, org.id)).map((e) => e.detail_type).sort())
      .toEqual(['Advisor Recommendation Status Open', 'Sending Status Disabled']);
  });
});

describe('POST /ingest/eventbridge: duplicates', () => {
  it('counts an event posted twice in a row once', async () => {
    const org = await newOrg();
    const event = freshEvent('delivery');
    expect((await post(org, event)).json().status).toBe('accepted');
    expect((await post(org, event)).json().status).toBe('duplicate');
    await expectEventRows(harness.store, org.id, 1);
  });

  it('counts an event posted concurrently once', async () => {
    const org = await newOrg();
    const event = freshEvent('open');
    const responses = await Promise.all(Array.from({ length: 8 }, () => post(org, event)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    expect(responses.filter((r) => r.json().status === 'accepted')).toHaveLength(1);
    await expectEventRows(harness.store, org.id, 1);
  });

  it('counts an event re-delivered after a restart (new process memory) once', async () => {
    const org = await newOrg();
    const event = freshEvent('complaint');
    const first = await harness.startService();
    expect(
      (
        await first.app.inject({
          method: 'POST',
          url: '/ingest/eventbridge',
          headers: { 'x-api-key': org.apiKey, 'content-type': 'application/json' },
          payload: JSON.stringify(event),
        })
      ).statusCode,
    ).toBe(200);
    await first.stop();
    const second = await harness.startService();
    const again = await second.app.inject({
      method: 'POST',
      url: '/ingest/eventbridge',
      headers: { 'x-api-key': org.apiKey, 'content-type': 'application/json' },
      payload: JSON.stringify(event),
    });
    expect(again.json().status).toBe('accepted');
    await second.stop();
    await expectEventRows(harness.store, org.id, 1);
  });
});

describe('POST /ingest/eventbridge: refusals', () => {
  it('drops and acknowledges events of identities the organization does not manage', async () => {
    const org = await harness.createOrg({ identities: ['other.dev'] });
    const response = await post(org, freshEvent('send'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'dropped', reason: 'unmanaged_identity' });
    const metrics = await service.app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(/sendops_ingest_events_total\{outcome="dropped_unmanaged"\} [1-9]/);
  });

  it('matches managed addresses and parent domains of the source', async () => {
    const org = await harness.createOrg({ identities: ['sender@example.com'] });
    expect((await post(org, freshEvent('send'))).json().status).toBe('accepted');
    const sub = await harness.createOrg({ identities: ['example.com'] });
    const event = freshEvent('send');
    event.detail.mail.source = 'news@mail.example.com';
    event.detail.mail.sourceArn = undefined;
    expect((await post(sub, event)).json().status).toBe('accepted');
  });

  it('answers 403 with a JSON error for a missing or unknown key', async () => {
    const missing = await post(undefined, freshEvent('send'));
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual({ error: { code: 'missing_api_key', message: expect.any(String) } });
    const unknown = await post(undefined, freshEvent('send'), { 'x-api-key': 'sok_live_nope' });
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json().error.code).toBe('invalid_api_key');
  });

  it('answers 503 when Postgres cannot be asked about the key', async () => {
    const unreachable = createDatabase('postgres://nobody:x@127.0.0.1:9/none', { poolMax: 1 });
    const offline = await harness.startService({ controlPlane: postgresControlPlane(unreachable) });
    const response = await offline.app.inject({
      method: 'POST',
      url: '/ingest/eventbridge',
      headers: { 'x-api-key': 'sok_live_whatever', 'content-type': 'application/json' },
      payload: JSON.stringify(freshEvent('send')),
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.json().error.code).toBe('store_unavailable');
    await unreachable.destroy();
  });

  it('answers 400 naming the problem and keeps the body as a dead letter', async () => {
    const org = await newOrg();
    const notJson = await post(org, '{"id": nope');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('invalid_json');

    const notSes = freshEvent('send');
    notSes.source = 'aws.ec2';
    expect((await post(org, notSes)).json().error.code).toBe('not_ses');

    const broken = freshEvent('bounce');
    broken.detail.bounce.bouncedRecipients = 'nobody';
    const schema = await post(org, broken);
    expect(schema.statusCode).toBe(400);
    expect(schema.json().error).toMatchObject({
      code: 'schema',
      message: expect.stringContaining('bouncedRecipients'),
    });

    await expect
      .poll(async () => (await listDeadLetters(harness.store, org.id)).length, { timeout: 10_000 })
      .toBe(3);
    const letters = await listDeadLetters(harness.store, org.id);
    expect(letters.map((l) => l.reason).sort()).toEqual(['invalid_json', 'not_ses', 'schema']);
    expect(letters.find((l) => l.reason === 'invalid_json')?.body).toBe('{"id": nope');
    expect(letters.find((l) => l.reason === 'schema')?.event_id).toBe(broken.id);
  });

  it('accepts a 1 MB event and answers 413 above the body limit', async () => {
    const org = await newOrg();
    const big = freshEvent('send');
    big.detail.mail.headers.push({ name: 'X-Padding', value: 'x'.repeat(1_000_000) });
    expect((await post(org, big)).statusCode).toBe(200);
    const huge = freshEvent('send');
    huge.detail.mail.headers.push({ name: 'X-Padding', value: 'x'.repeat(2_000_000) });
    const response = await post(org, huge);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('body_too_large');
  });

  it('answers 503 with Retry-After, fast, when the buffer is full', async () => {
    const org = await newOrg();
    const tiny = await harness.startService({ settings: { spoolMaxBytes: 4_000, batchMaxAgeMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await tiny.app.inject({
        method: 'POST',
        url: '/ingest/eventbridge',
        headers: { 'x-api-key': org.apiKey, 'content-type': 'application/json' },
        payload: JSON.stringify(freshEvent('delivery')),
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 503) {
        expect(response.headers['retry-after']).toBe('2');
        expect(response.json().error.code).toBe('buffer_full');
      }
    }
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
  });

  it('answers 503 while shutting down', async () => {
    const org = await newOrg();
    const closing = await harness.startService();
    const stopping = closing.stop();
    const response = await closing.app.inject({
      method: 'POST',
      url: '/ingest/eventbridge',
      headers: { 'x-api-key': org.apiKey, 'content-type': 'application/json' },
      payload: JSON.stringify(freshEvent('delivery')),
    });
    expect(response.statusCode).toBe(503);
    await stopping;
  });
});

describe('operations endpoints', () => {
  it('serves health, readiness and the documented metrics', async () => {
    expect((await service.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await service.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ postgres: 'ok', clickhouse: 'ok', buffer: 'ok' });
    const metrics = (await service.app.inject({ url: '/metrics' })).body;
    for (const name of [
      'sendops_ingest_events_total',
      'sendops_ingest_rows_written_total',
      'sendops_ingest_received_total',
      'sendops_ingest_rejected_total',
      'sendops_ingest_buffer_bytes',
      'sendops_ingest_batch_rows',
      'sendops_ingest_flush_seconds',
      'sendops_ingest_store_errors_total',
    ]) {
      expect(metrics).toContain(`# TYPE ${name}`);
    }
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await service.app.inject({ url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});

describe('over a real socket', () => {
  it('acknowledges EventBridge-style requests with Connection: close', async () => {
    const org = await newOrg();
    const live = await harness.startService();
    const base = await live.listen(0, '127.0.0.1');
    const event = freshEvent('click');
    const response = await fetch(`${base}/ingest/eventbridge`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Amazon/EventBridge/ApiDestinations',
        connection: 'close',
        'x-api-key': org.apiKey,
      },
      body: JSON.stringify(event),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'accepted', eventId: event.id });
    const refused = await fetch(`${base}/ingest/eventbridge`, {
      method: 'POST',
      body: '{}',
      headers: { connection: 'close' },
    });
    expect(refused.status).toBe(403);
    await expectEventRows(harness.store, org.id, 1);
  });
});
