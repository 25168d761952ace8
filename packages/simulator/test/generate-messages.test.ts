import {
  DEFAULT_TEMPLATE_TAG_NAMES,
  parseEventBridgeBody,
  providerForDomain,
  toEventRows,
} from '@sendops/ses-events';
import { describe, expect, it } from 'vitest';
import { DETAIL_TYPES, generateEvents, generateMessages, type SimulatedMessage } from '../src/index.ts';

const start = Date.UTC(2026, 9, 5);
const end = Date.UTC(2026, 9, 12);
const messages = generateMessages({ seed: 2026, messages: 6000, start, end });
const events = messages.flatMap((m) => m.events);

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] ?? Number.NaN;
};
const share = (predicate: (m: SimulatedMessage) => boolean, list = messages) =>
  list.filter(predicate).length / list.length;

describe('generateMessages', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateEvents({ seed: 5, messages: 300, start, end });
    const b = generateEvents({ seed: 5, messages: 300, start, end });
    const c = generateEvents({ seed: 6, messages: 300, start, end });
    expect(JSON.stringify(a.map((e) => e.envelope))).toBe(JSON.stringify(b.map((e) => e.envelope)));
    expect(c[0]?.envelope.id).not.toBe(a[0]?.envelope.id);
  });

  it('produces envelopes that parseEventBridgeBody accepts and toEventRows turns into rows', () => {
    for (const { envelope } of events) {
      const parsed = parseEventBridgeBody(JSON.stringify(envelope));
      if (parsed.kind !== 'ses_event')
        throw new Error(`${envelope['detail-type']}: ${JSON.stringify(parsed)}`);
      const rows = toEventRows(parsed.envelope, {
        organizationId: '7c1f3d8e-2b4a-4c6d-9e0f-1a2b3c4d5e6f',
        sendingIdentity: 'acme-demo.dev',
        channelId: '',
        templateTagNames: DEFAULT_TEMPLATE_TAG_NAMES,
        retentionDays: 400,
        ingestedAt: '2026-10-12T00:00:00.000Z',
        raw: '',
      });
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it('has the EventBridge and SES shapes', () => {
    const types = new Set(events.map((e) => e.envelope.detail.eventType));
    expect([...types].sort()).toEqual(Object.keys(DETAIL_TYPES).sort());
    for (const { envelope, time } of events.slice(0, 2000)) {
      expect(envelope).toMatchObject({ version: '0', source: 'aws.ses' });
      expect(envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(envelope['detail-type']).toBe(DETAIL_TYPES[envelope.detail.eventType]);
      expect(envelope.time).toBe(
        new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      );
      expect(envelope.account).toMatch(/^\d{12}$/);
      const configurationSet = envelope.detail.mail.tags['ses:configuration-set']?.[0];
      expect(envelope.resources).toEqual([
        `arn:aws:ses:${envelope.region}:${envelope.account}:configuration-set/${configurationSet}`,
      ]);
      const mail = envelope.detail.mail;
      expect(mail.messageId).toMatch(/^01\d\d[0-9a-f]{12}-[0-9a-f-]{36}-000000$/);
      expect(mail.sendingAccountId).toBe(envelope.account);
      for (const tag of ['ses:operation', 'ses:source-ip', 'ses:from-domain', 'ses:caller-identity']) {
        expect(mail.tags[tag]?.length).toBe(1);
      }
    }
  });

  it('tags templated mail with sendops-template and leaves the subject off templated Send events', () => {
    const templated = messages.filter((m) => m.template !== undefined);
    expect(templated.length / messages.length).toBeGreaterThan(0.9);
    for (const message of templated.slice(0, 500)) {
      for (const { envelope } of message.events)
        expect(envelope.detail.mail.tags['sendops-template']).toEqual([message.template]);
    }
    const delivered = events.filter((e) => e.envelope.detail.eventType === 'Delivery');
    expect(delivered.every((e) => e.envelope.detail.mail.commonHeaders?.subject)).toBe(true);
  });

  it('sends inside the window, with events sorted by time and Send (or Reject) first', () => {
    for (let i = 1; i < messages.length; i++)
      expect(messages[i]?.sentAt).toBeGreaterThanOrEqual(messages[i - 1]?.sentAt ?? 0);
    for (const message of messages) {
      expect(message.sentAt).toBeGreaterThanOrEqual(start);
      expect(message.sentAt).toBeLessThan(end);
      expect(['Send', 'Reject']).toContain(message.events[0]?.envelope.detail.eventType);
      const times = message.events.map((e) => e.time);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Date.parse(message.events[0]?.envelope.detail.mail.timestamp ?? '')).toBe(message.sentAt);
    }
    const flat = generateEvents({ seed: 9, messages: 2000, start, end });
    for (let i = 1; i < flat.length; i++)
      expect(flat[i]?.time).toBeGreaterThanOrEqual(flat[i - 1]?.time ?? 0);
    expect(flat.every((e) => e.time <= end)).toBe(true);
  });

  it('has realistic delivery latency: median ~1.5 s, long tail', () => {
    const latencies = events
      .filter((e) => e.envelope.detail.eventType === 'Delivery')
      .map((e) => (e.envelope.detail.delivery as { processingTimeMillis: number }).processingTimeMillis);
    expect(quantile(latencies, 0.5)).toBeGreaterThan(1200);
    expect(quantile(latencies, 0.5)).toBeLessThan(2000);
    expect(quantile(latencies, 0.99)).toBeGreaterThan(10_000);
    expect(Math.min(...latencies)).toBeGreaterThan(0);
  });

  it('has a realistic outcome mix for random recipients', () => {
    const recipients = messages.flatMap((m) => m.recipients);
    const rate = (outcomes: string[]) =>
      recipients.filter((r) => outcomes.includes(r.outcome)).length / recipients.length;
    expect(rate(['delivered'])).toBeGreaterThan(0.92);
    expect(rate(['hard-bounce', 'suppressed', 'account-suppressed'])).toBeGreaterThan(0.008);
    expect(rate(['hard-bounce', 'suppressed', 'account-suppressed'])).toBeLessThan(0.03);
    expect(rate(['soft-bounce', 'mailbox-full'])).toBeGreaterThan(0.008);
    expect(rate(['soft-bounce', 'mailbox-full'])).toBeLessThan(0.03);
    expect(rate(['complaint'])).toBeLessThan(0.003);
    expect(rate(['delayed'])).toBeGreaterThan(0.003);
  });

  it('spreads recipients over providers with Gmail the largest', () => {
    const providers = new Map<string, number>();
    for (const r of messages.flatMap((m) => m.recipients)) {
      const provider = providerForDomain(r.address.split('@')[1] ?? '');
      providers.set(provider, (providers.get(provider) ?? 0) + 1);
    }
    const ranked = [...providers.entries()].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]?.[0]).toBe('Gmail');
    expect(providers.size).toBeGreaterThan(20);
  });

  it('has multi-recipient messages, non-ASCII subjects and repeat recipients', () => {
    expect(share((m) => m.recipients.length > 1)).toBeGreaterThan(0.01);
    expect(share((m) => m.recipients.length > 3)).toBe(0);
    expect(share((m) => /[^\x20-\x7e]/.test(m.subject))).toBeGreaterThan(0.05);
    const encoded = events.find((e) =>
      e.envelope.detail.mail.headers?.some((h) => h.value.startsWith('=?UTF-8?B?')),
    );
    expect(encoded).toBeDefined();
    const addresses = messages.flatMap((m) => m.recipients.map((r) => r.address));
    expect(new Set(addresses).size).toBeLessThan(addresses.length);
  });

  it('prefetches opens for Apple mailboxes within seconds of delivery (Mail Privacy Protection)', () => {
    const apple = messages.filter(
      (m) =>
        m.recipients.length === 1 &&
        /@(icloud|me|mac)\.com$/.test(m.recipients[0]?.address ?? '') &&
        m.recipients[0]?.outcome === 'delivered',
    );
    const tracked = apple.filter(
      (m) => !['sesmail-transactional', 'kumo-orders'].includes(m.configurationSet),
    );
    const prefetched = tracked.filter((m) => {
      const delivery = m.events.find((e) => e.envelope.detail.eventType === 'Delivery');
      const open = m.events.find((e) => e.envelope.detail.eventType === 'Open');
      return (
        delivery &&
        open &&
        open.time - delivery.time <= 90_000 &&
        (open.envelope.detail.open as { userAgent: string }).userAgent === 'Mozilla/5.0'
      );
    });
    expect(prefetched.length / tracked.length).toBeGreaterThan(0.8);
  });

  it('clicks carry link and linkTags, and come after delivery', () => {
    const clicks = messages.flatMap((m) =>
      m.events.filter((e) => e.envelope.detail.eventType === 'Click').map((e) => ({ message: m, event: e })),
    );
    expect(clicks.length).toBeGreaterThan(50);
    for (const { message, event } of clicks) {
      const click = event.envelope.detail.click as { link: string; linkTags: Record<string, string[]> };
      expect(click.link).toMatch(/^https:\/\//);
      expect(Object.keys(click.linkTags)).toContain('link');
      const delivered = message.events.find((e) => e.envelope.detail.eventType === 'Delivery');
      expect(event.time).toBeGreaterThan(delivered?.time ?? Number.POSITIVE_INFINITY);
    }
  });

  it('makes live traffic near now', () => {
    const now = Date.UTC(2026, 10, 23, 12);
    const live = generateEvents({ seed: 3, messages: 200, live: true, now });
    expect(live.length).toBeGreaterThan(200);
    for (const event of live) {
      expect(event.time).toBeLessThanOrEqual(now);
      expect(event.time).toBeGreaterThan(now - 61_000);
    }
  });
});
