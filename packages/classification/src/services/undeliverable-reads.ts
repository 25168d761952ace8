import type { Readable } from 'node:stream';
import type { AnalyticsStore } from '@sendops/analytics';
import { type Database, DomainError } from '@sendops/db';
import type { Kysely } from 'kysely';
import type { EvaluationScope } from '../evaluation/address-aggregate-sql.ts';
import { addressHistory, type HistoryEvent } from '../evaluation/address-history.ts';
import { exportUndeliverableCsv } from '../evaluation/export-csv.ts';
import { type ListFilters, type ListPage, listUndeliverable } from '../evaluation/list-undeliverable.ts';
import { previewRules, type RulesPreview } from '../evaluation/preview-rules.ts';
import { syncExclusionMirror } from '../store/exclusion-mirror.ts';
import { loadRules } from '../store/rules-store.ts';
import { normalizeAddress } from './normalize-address.ts';
import { candidateSettings, type SaveRulesInput } from './rules-services.ts';

/**
 * Reads of the Undeliverable list for one organization. The caller has authorized the request (the
 * route's declared permission or API key); these only ever read the organization they are given.
 */
export interface UndeliverableStores {
  db: Kysely<Database>;
  analytics: AnalyticsStore;
}

async function scopeOf(db: Kysely<Database>, organizationId: string, now: Date): Promise<EvaluationScope> {
  const organization = await db
    .selectFrom('organizations')
    .select('events_retention_days')
    .where('id', '=', organizationId)
    .executeTakeFirst();
  if (!organization) throw new DomainError('not_found', 'organization not found');
  return { organizationId, now, retentionDays: organization.events_retention_days };
}

export interface ListRequest {
  filters?: ListFilters;
  cursor?: string | null;
  limit?: number;
  /** Default: the current time. */
  now?: Date;
}

export async function listOrganizationUndeliverable(
  stores: UndeliverableStores,
  organizationId: string,
  request: ListRequest = {},
): Promise<ListPage & { rulesVersion: string }> {
  const scope = await scopeOf(stores.db, organizationId, request.now ?? new Date());
  const rules = await loadRules(stores.db, organizationId);
  await syncExclusionMirror(stores.db, stores.analytics, organizationId);
  const page = await listUndeliverable(stores.analytics, {
    ...scope,
    settings: rules.settings,
    filters: request.filters ?? {},
    cursor: request.cursor ?? null,
    limit: request.limit ?? 50,
  });
  return { ...page, rulesVersion: rules.version };
}

export async function exportOrganizationUndeliverable(
  stores: UndeliverableStores,
  organizationId: string,
  request: { filters?: ListFilters; now?: Date } = {},
): Promise<Readable> {
  const scope = await scopeOf(stores.db, organizationId, request.now ?? new Date());
  const rules = await loadRules(stores.db, organizationId);
  await syncExclusionMirror(stores.db, stores.analytics, organizationId);
  return exportUndeliverableCsv(stores.analytics, {
    ...scope,
    settings: rules.settings,
    filters: request.filters ?? {},
  });
}

/** The live preview: saved rules vs the candidate in the request. Reads only; never saves. */
export async function previewOrganizationRules(
  stores: UndeliverableStores,
  organizationId: string,
  input: SaveRulesInput,
  now = new Date(),
): Promise<RulesPreview> {
  const candidate = candidateSettings(input);
  const scope = await scopeOf(stores.db, organizationId, now);
  const rules = await loadRules(stores.db, organizationId);
  await syncExclusionMirror(stores.db, stores.analytics, organizationId);
  return previewRules(stores.analytics, { ...scope, current: rules.settings, candidate });
}

export async function organizationAddressHistory(
  stores: UndeliverableStores,
  organizationId: string,
  address: string,
  now = new Date(),
): Promise<HistoryEvent[]> {
  const scope = await scopeOf(stores.db, organizationId, now);
  const rules = await loadRules(stores.db, organizationId);
  return addressHistory(stores.analytics, {
    ...scope,
    address: normalizeAddress(address),
    settings: rules.settings,
  });
}
