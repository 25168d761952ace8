import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AnalyticsStore, countEvents } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import { loadConfig } from '@sendops/config';
import { addChannel, addIdentity, createOrganization, type Database } from '@sendops/db';
import { createTestDatabase } from '@sendops/db/testing';
import { type EventRow, parseEventBridgeBody, type SesEventEnvelope, toEventRows } from '@sendops/ses-events';
import { type FixtureJson, loadSesFixture, type SesFixtureName } from '@sendops/ses-events/testing';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { expect } from 'vitest';
import { createIngestService, type IngestService } from '../../src/ingest-service.ts';
import { type ControlPlane, postgresControlPlane } from '../../src/pipeline/control-plane.ts';

export interface TestOrganization {
  id: string;
  apiKey: string;
  transactionalChannelId: string;
}

export interface Harness {
  db: Kysely<Database>;
  analytics: TestAnalytics;
  store: AnalyticsStore;
  createOrg(options?: { identities?: string[] }): Promise<TestOrganization>;
  startService(options?: ServiceOptions): Promise<IngestService>;
  destroy(): Promise<void>;
}

export interface ServiceOptions {
  spoolDir?: string;
  settings?: Partial<ReturnType<typeof loadConfig>['ingest']>;
  controlPlane?: ControlPlane;
  store?: AnalyticsStore;
}

export const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** Real Postgres (a fresh database) and real ClickHouse (chDB or CLICKHOUSE_URL) for one test file. */
export async function createHarness(): Promise<Harness> {
  const database = await createTestDatabase();
  const analytics = await createTestAnalytics();
  const services: IngestService[] = [];
  return {
    db: database.db,
    analytics,
    store: analytics.store,
    async createOrg({ identities = ['acme.dev'] } = {}) {
      const { organization, ingestApiKey } = await createOrganization(database.db, {
        name: `Org ${randomUUID().slice(0, 8)}`,
      });
      const channel = await addChannel(database.db, {
        organizationId: organization.id,
        name: 'Transactional',
        configurationSet: 'sesmail-transactional',
        purpose: 'transactional',
      });
      for (const value of identities) {
        await addIdentity(database.db, {
          organizationId: organization.id,
          kind: value.includes('@') ? 'email' : 'domain',
          value,
        });
      }
      return { id: organization.id, apiKey: ingestApiKey, transactionalChannelId: channel.id };
    },
    async startService(options = {}) {
      const defaults = loadConfig({}).ingest;
      const service = await createIngestService({
        settings: { ...defaults, batchMaxAgeMs: 50, identityCacheTtlMs: 0, ...options.settings },
        spoolDir: options.spoolDir ?? mkdtempSync(path.join(tmpdir(), 'ingest-spool-')),
        controlPlane: options.controlPlane ?? postgresControlPlane(database.db),
        store: options.store ?? analytics.store,
        logger,
      });
      services.push(service);
      return service;
    },
    async destroy() {
      for (const service of services) await service.stop({ drainTimeoutMs: 2_000 }).catch(() => {});
      await analytics.destroy();
      await database.destroy();
    },
  };
}

/**
 * An AWS-documented example event as if SES emitted it just now, with a new EventBridge id: the
 * published examples date from 2017 and would fall outside any retention TTL.
 */
export function freshEvent(name: SesFixtureName): FixtureJson {
  const event = loadSesFixture(name);
  const now = Date.now();
  event.id = randomUUID();
  event.time = new Date(now).toISOString();
  if (event.detail?.mail) event.detail.mail.timestamp = new Date(now - 2_000).toISOString();
  return event;
}

/** Waits until the organization has exactly `expected` event rows (FINAL counts, as reports read). */
export async function expectEventRows(store: AnalyticsStore, organizationId: string, expected: number) {
  await expect
    .poll(() => countEvents(store, organizationId), { timeout: 15_000, interval: 50 })
    .toBe(expected);
}

/** The `ses_events` row the ingest makes of a fresh Delivery to `recipient` (what the spool holds). */
export function deliveryRow(organizationId: string, recipient: string): EventRow {
  const event = freshEvent('delivery');
  event.detail.delivery.recipients = [recipient];
  event.detail.mail.destination = [recipient];
  const parsed = parseEventBridgeBody(event);
  if (parsed.kind !== 'ses_event') throw new Error(`fixture did not parse: ${parsed.kind}`);
  const [row] = toEventRows(parsed.envelope as SesEventEnvelope, {
    organizationId,
    sendingIdentity: 'example.com',
    channelId: '',
    templateTagNames: [],
    retentionDays: 30,
    ingestedAt: new Date().toISOString(),
    raw: JSON.stringify(event),
  });
  return row!;
}
