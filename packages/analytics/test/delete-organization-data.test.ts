import { randomUUID } from 'node:crypto';
import { type SesEventEnvelope, toEventRows } from '@sendops/ses-events';
import { loadSesFixture } from '@sendops/ses-events/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countEvents, deleteOrganizationData, insertEventRows } from '../src/index.ts';
import { createTestAnalytics, type TestAnalytics } from '../src/testing/index.ts';

let analytics: TestAnalytics;
beforeAll(async () => {
  analytics = await createTestAnalytics();
});
afterAll(async () => {
  await analytics.destroy();
});

function bounceRows(organizationId: string) {
  const envelope = loadSesFixture('bounce') as SesEventEnvelope;
  // Recent times: a mutation rewrites parts and applies the retention TTL, which would drop the
  // fixture's years-old rows of both organizations.
  envelope.time = new Date().toISOString();
  envelope.detail.mail.timestamp = envelope.time;
  return toEventRows(envelope, {
    organizationId,
    sendingIdentity: 'example.com',
    channelId: '',
    templateTagNames: [],
    retentionDays: 30,
    ingestedAt: new Date().toISOString(),
    raw: JSON.stringify(envelope),
  });
}

it("deletes every row of one organization and none of another's", async () => {
  const deleted = randomUUID();
  const kept = randomUUID();
  await insertEventRows(analytics.store, [...bounceRows(deleted), ...bounceRows(kept)]);
  expect(await countEvents(analytics.store, deleted)).toBeGreaterThan(0);

  await deleteOrganizationData(analytics.store, deleted);

  expect(await countEvents(analytics.store, deleted)).toBe(0);
  expect(await countEvents(analytics.store, kept)).toBe(bounceRows(kept).length);
});
