import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countEvents } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillDemoHistory } from '../src/demo-history.ts';

let analytics: TestAnalytics;
let dataDir: string;
beforeAll(async () => {
  analytics = await createTestAnalytics();
  dataDir = await mkdtemp(path.join(tmpdir(), 'sendops-demo-history-'));
});
afterAll(async () => {
  await analytics?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const NOW = new Date('2026-11-20T12:00:00Z');

function options(organizationId: string, signal?: AbortSignal) {
  return {
    store: analytics.store,
    dataDir,
    organizationId,
    domains: ['acme-demo.dev'],
    channelIdsByConfigSet: { 'acme-transactional': randomUUID() },
    now: NOW,
    days: 14,
    events: 3000,
    signal,
  };
}

describe('demo history backfill', () => {
  it('loads the window once, resumes an interrupted load on its recorded window, then does nothing', async () => {
    const organizationId = randomUUID();
    // Interrupted before its first batch: the window is recorded, nothing completed.
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(backfillDemoHistory({ ...options(organizationId, controller.signal) })).rejects.toThrow(
      'stopped',
    );
    const recorded = JSON.parse(readFileSync(path.join(dataDir, 'demo-history.json'), 'utf8'));
    expect(recorded).toMatchObject({ organizationId, to: NOW.toISOString(), completedAt: null });
    expect(Date.parse(recorded.to) - Date.parse(recorded.from)).toBe(14 * 86_400_000);

    // A later start (another clock) resumes the recorded window.
    const later = { ...options(organizationId), now: new Date('2026-12-01T00:00:00Z') };
    const result = await backfillDemoHistory(later);
    expect(result?.events).toBe(3000);
    const stored = await countEvents(analytics.store, organizationId);
    expect(stored).toBeGreaterThanOrEqual(3000);
    const done = JSON.parse(readFileSync(path.join(dataDir, 'demo-history.json'), 'utf8'));
    expect(done.completedAt).not.toBeNull();
    expect(done.to).toBe(NOW.toISOString());

    expect(await backfillDemoHistory(later)).toBeNull();
    expect(await countEvents(analytics.store, organizationId)).toBe(stored);
    expect(existsSync(path.join(dataDir, 'demo-history.json'))).toBe(true);
  });

  it('loads again for a new demo organization (a fresh database on the same data directory)', async () => {
    const organizationId = randomUUID();
    const result = await backfillDemoHistory(options(organizationId));
    expect(result?.events).toBe(3000);
  });
});
