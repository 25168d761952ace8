import { describe, expect, it } from 'vitest';
import { DedupeWindow } from '../src/pipeline/dedupe-window.ts';

describe('DedupeWindow', () => {
  it('remembers exactly the most recent keys once full (oldest forgotten first)', () => {
    const window = new DedupeWindow(1_000);
    for (let i = 0; i < 10_000; i++) window.remember(`org:${i}`);
    expect(window.size).toBe(1_000);
    const remembered = Array.from({ length: 10_000 }, (_, i) => window.get(`org:${i}`) !== undefined);
    expect(remembered.indexOf(true)).toBe(9_000);
    expect(remembered.slice(9_000).every(Boolean)).toBe(true);
  });

  it('makes a concurrent delivery wait for the first one, and remembers it once durable', async () => {
    const window = new DedupeWindow(10);
    let resolve!: () => void;
    const durable = new Promise<void>((r) => {
      resolve = r;
    });
    window.track('k', durable);
    expect(window.get('k')).toBe(durable);
    resolve();
    await durable;
    await Promise.resolve();
    await expect(window.get('k')).resolves.toBeUndefined();
    expect(window.size).toBe(1);
  });

  it('forgets a delivery whose write failed, so its retry is treated as new', async () => {
    const window = new DedupeWindow(10);
    const failed = Promise.reject(new Error('disk full'));
    window.track('k', failed);
    await failed.catch(() => {});
    await Promise.resolve();
    expect(window.get('k')).toBeUndefined();
  });
});
