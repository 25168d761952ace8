import { parseEventBridgeBody } from '@sendops/ses-events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEMO_ORGANIZATION,
  generateEnvelopes,
  parseRetryAfter,
  postEvents,
  shouldRetry,
} from '../src/index.ts';
import { startRecordingServer } from './recording-server.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const envelopes = generateEnvelopes({
  seed: 21,
  messages: 10,
  start: Date.UTC(2026, 9, 1),
  end: Date.UTC(2026, 9, 2),
});

describe('postEvents', () => {
  it('retries a 503 after its Retry-After and sends JSON with the x-api-key header', async () => {
    const seen = new Set<string>();
    const server = await startRecordingServer((request, response) => {
      const id = (JSON.parse(request.body) as { id: string }).id;
      if (!seen.has(id)) {
        seen.add(id);
        response.writeHead(503, { 'retry-after': '1', 'content-type': 'application/json' });
        response.end('{"error":{"code":"unavailable","message":"try later"}}');
        return;
      }
      response.writeHead(204);
      response.end();
    });
    close = server.close;
    const events = envelopes.slice(0, 4);
    const started = performance.now();
    const result = await postEvents({
      url: server.url,
      apiKey: 'sk_test_123',
      rate: 100,
      events,
      concurrency: 4,
    });
    const elapsed = performance.now() - started;

    expect(result).toMatchObject({
      sent: 4,
      ok: 4,
      failed: 0,
      retries: 4,
      statusCounts: { '503': 4, '204': 4 },
    });
    expect(elapsed).toBeGreaterThanOrEqual(950); // waited for Retry-After: 1
    expect(server.requests).toHaveLength(8);
    for (const request of server.requests) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/ingest/eventbridge');
      expect(request.headers['x-api-key']).toBe('sk_test_123');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(parseEventBridgeBody(request.body).kind).toBe('ses_event');
    }
    // Each event was tried twice, with the same body (EventBridge retries the same event id).
    const ids = server.requests.map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(new Set(ids).size).toBe(4);
    expect([...new Set(ids)].sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('gives up on a non-retryable 4xx at once and after maxAttempts on persistent 5xx', async () => {
    let status = 400;
    const server = await startRecordingServer((_, response) => {
      response.writeHead(status, status === 503 ? { 'retry-after': '0' } : {});
      response.end();
    });
    close = server.close;
    const rejected = await postEvents({
      url: server.url,
      apiKey: 'k',
      rate: 1000,
      events: envelopes.slice(0, 2),
    });
    expect(rejected).toMatchObject({ sent: 2, ok: 0, failed: 2, retries: 0, statusCounts: { '400': 2 } });
    status = 503;
    const exhausted = await postEvents({
      url: server.url,
      apiKey: 'k',
      rate: 1000,
      events: envelopes.slice(0, 1),
      maxAttempts: 3,
    });
    expect(exhausted).toMatchObject({ sent: 1, ok: 0, failed: 1, retries: 2, statusCounts: { '503': 3 } });
  });

  it('holds a steady rate and stops at count, generating live traffic when given no events', async () => {
    const server = await startRecordingServer();
    close = server.close;
    const started = performance.now();
    const result = await postEvents({
      url: server.url,
      apiKey: 'k',
      rate: 50,
      count: 20,
      concurrency: 4,
      seed: 3,
      organizations: [DEMO_ORGANIZATION],
    });
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ sent: 20, ok: 20, failed: 0 });
    expect(elapsed).toBeGreaterThan(330); // 20 events at 50/s: ~380 ms after the first
    expect(elapsed).toBeLessThan(3000);
    const now = Date.now();
    for (const request of server.requests) {
      const parsed = parseEventBridgeBody(request.body);
      if (parsed.kind !== 'ses_event') throw new Error(request.body);
      expect(parsed.envelope.account).toBe(DEMO_ORGANIZATION.awsAccountId);
      expect(Math.abs(Date.parse(parsed.envelope.time) - now)).toBeLessThan(10_000);
    }
    expect(result.latencyMs.p50).toBeGreaterThan(0);
  });

  it('opens a new connection per request with connectionClose, and stops on abort', async () => {
    const server = await startRecordingServer();
    close = server.close;
    await postEvents({
      url: server.url,
      apiKey: 'k',
      rate: 200,
      events: envelopes.slice(0, 5),
      concurrency: 1,
      connectionClose: true,
    });
    expect(server.requests.every((r) => r.headers.connection === 'close')).toBe(true);
    expect(new Set(server.requests.map((r) => r.remotePort)).size).toBe(5);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const result = await postEvents({
      url: server.url,
      apiKey: 'k',
      rate: 40,
      signal: controller.signal,
      seed: 1,
    });
    expect(result.sent).toBeGreaterThan(2);
    expect(result.sent).toBeLessThan(12);
  });

  it('follows EventBridge on what to retry and reads both Retry-After forms', () => {
    expect([429, 500, 503, 401, 409, 'error' as const].every(shouldRetry)).toBe(true);
    expect([400, 403, 404, 413, 422].some(shouldRetry)).toBe(false);
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(61_000).toUTCString(), 1_000)).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
