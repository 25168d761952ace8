import { parseEventBridgeBody } from '@sendops/ses-events';
import { describe, expect, it } from 'vitest';
import { envelopeJson, generateEvents, LiveEventSource, Random } from '../src/index.ts';
import { hourWeight, SendTimes } from '../src/send-times.ts';
import { clickhouseMillis, isoMillis, isoSeconds } from '../src/time-format.ts';

describe('Random', () => {
  it('repeats for a seed and stays in range', () => {
    const a = new Random(42);
    const b = new Random(42);
    const draws = Array.from({ length: 1000 }, () => a.next());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('draws log-normals around their median', () => {
    const random = new Random(7);
    const values = Array.from({ length: 5000 }, () => random.logNormal(1500, 0.6)).sort((x, y) => x - y);
    expect(values[2500]).toBeGreaterThan(1350);
    expect(values[2500]).toBeLessThan(1650);
  });
});

describe('SendTimes', () => {
  it('gives exactly count ascending times inside the window, busier by day than by night', () => {
    const start = Date.UTC(2026, 9, 5);
    const end = start + 7 * 86_400_000;
    const times = new SendTimes(start, end, 20_000, new Random(3));
    const values = Array.from({ length: 20_000 }, () => times.next());
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] ?? 0);
    expect(values[0]).toBeGreaterThanOrEqual(start);
    expect(values[values.length - 1]).toBeLessThan(end);
    const byHour = (h: number) => values.filter((t) => new Date(t).getUTCHours() === h).length;
    expect(byHour(14)).toBeGreaterThan(2 * byHour(2));
    expect(hourWeight(Date.UTC(2026, 9, 10, 14))).toBeLessThan(hourWeight(Date.UTC(2026, 9, 12, 14))); // Sat < Mon
  });
});

describe('time formatting', () => {
  it('matches Date for SES, EventBridge and ClickHouse formats', () => {
    for (const ms of [
      0,
      1_700_000_000_123,
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2024, 1, 29, 0, 0, 0, 7),
    ]) {
      const iso = new Date(ms).toISOString();
      expect(isoMillis(ms)).toBe(iso);
      expect(isoSeconds(ms)).toBe(`${iso.slice(0, 19)}Z`);
      expect(clickhouseMillis(ms)).toBe(iso.replace('T', ' ').replace('Z', ''));
    }
  });
});

describe('envelopeJson', () => {
  const events = generateEvents({
    seed: 4,
    messages: 500,
    start: Date.UTC(2026, 9, 1),
    end: Date.UTC(2026, 9, 2),
  });

  it('equals JSON.stringify of the envelope', () => {
    for (const { envelope } of events) expect(envelopeJson(envelope)).toBe(JSON.stringify(envelope));
  });

  it('compact drops the headers and still parses; none is empty', () => {
    for (const { envelope } of events) {
      const compact = envelopeJson(envelope, 'compact');
      expect(compact.length).toBeLessThanOrEqual(JSON.stringify(envelope).length);
      expect(compact).not.toContain('"headers"');
      expect(parseEventBridgeBody(compact).kind).toBe('ses_event');
      expect(envelopeJson(envelope, 'none')).toBe('');
    }
  });
});

describe('LiveEventSource', () => {
  it('sends new messages at the current time and releases follow-ups when they fall due', () => {
    let now = Date.UTC(2026, 10, 23, 12);
    const source = new LiveEventSource({ seed: 8, now: () => now });
    const seen: { type: string; time: number; at: number }[] = [];
    for (let i = 0; i < 3000; i++) {
      const event = source.nextEvent();
      seen.push({ type: event.envelope.detail.eventType, time: event.time, at: now });
      now += 200; // 5 events/s
    }
    // Nothing is released early (beyond the few ms between SES accepting and publishing Send).
    expect(seen.every((e) => e.time <= e.at + 40)).toBe(true);
    // Follow-ups flow once their time has come.
    const types = new Set(seen.map((e) => e.type));
    expect(types.has('Delivery')).toBe(true);
    expect(types.has('Send')).toBe(true);
    expect(seen.filter((e) => e.type === 'Delivery').length).toBeGreaterThan(500);
    expect(source.pending).toBeLessThan(3000);
  });
});
