import { setTimeout as sleep } from 'node:timers/promises';
import { parseEventBridgeBody, sendingIdentityCandidates } from '@sendops/ses-events';
import { describe, expect, it } from 'vitest';
import { createDemoStream, DEMO_ORGANIZATION } from '../src/index.ts';
import { startRecordingServer } from './recording-server.ts';

describe('createDemoStream', () => {
  it('posts live traffic for the given identities and channels until stopped', async () => {
    const server = await startRecordingServer();
    const logs: string[] = [];
    const identities: string[] = [...DEMO_ORGANIZATION.domains];
    const configurationSets = DEMO_ORGANIZATION.channels.map((c) => c.configurationSet);
    const stream = createDemoStream({
      url: server.url,
      apiKey: 'sk_demo',
      identities,
      configurationSets,
      eventsPerSecond: 40,
      seed: 99,
      log: (msg) => logs.push(msg),
    });
    for (let i = 0; i < 100 && server.requests.length < 15; i++) await sleep(20);
    await stream.stop();
    const count = server.requests.length;
    await sleep(100);
    expect(server.requests.length).toBe(count); // stopped means stopped
    await server.close();

    expect(count).toBeGreaterThanOrEqual(15);
    expect(stream.stats().accepted).toBe(count);
    for (const request of server.requests) {
      expect(request.headers['x-api-key']).toBe('sk_demo');
      const parsed = parseEventBridgeBody(request.body);
      if (parsed.kind !== 'ses_event') throw new Error(request.body);
      const mail = parsed.envelope.detail.mail;
      expect(sendingIdentityCandidates(mail).some((c) => identities.includes(c))).toBe(true);
      expect(configurationSets).toContain(mail.tags?.['ses:configuration-set']?.[0]);
    }
    expect(logs[0]).toMatch(/40 events\/s/);
  });

  it('keeps going, and says so once, while the ingest is down', async () => {
    const logs: string[] = [];
    const stream = createDemoStream({
      url: 'http://127.0.0.1:9/ingest/eventbridge',
      apiKey: 'k',
      identities: ['acme-demo.dev'],
      configurationSets: ['sesmail-default'],
      eventsPerSecond: 20,
      seed: 1,
      log: (msg) => logs.push(msg),
    });
    await sleep(300);
    await stream.stop();
    expect(stream.stats().failedAttempts).toBeGreaterThan(0);
    expect(logs.filter((l) => l.includes('will keep retrying'))).toHaveLength(1);
  });
});
