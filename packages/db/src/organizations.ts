import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { generateIngestApiKey } from './api-keys.ts';
import { DomainError } from './errors.ts';
import { assertSlug, SLUG_REDIRECT_DAYS, slugify, slugWithSuffix } from './organization-slug.ts';
import type { DbExecutor } from './schema/database.ts';
import type { Organization } from './schema/organizations-table.ts';
import { isUuid, requireName } from './validation.ts';

export interface CreateOrganizationInput {
  name: string;
  /** Derived from the name (and made unique) when omitted. */
  slug?: string;
  isDemo?: boolean;
}

export interface CreatedOrganization {
  organization: Organization;
  /** The plaintext ingest key: returned once, only its hash is stored. */
  ingestApiKey: string;
}

/** What ingest needs to authenticate and enrich an event; cached by the ingest service. */
export interface IngestOrganization {
  id: string;
  name: string;
  ingest_key_hash: string;
  template_tag_names: string[];
  events_retention_days: number;
}

const DERIVED_SLUG_ATTEMPTS = 6;

function newExternalId(): string {
  return `sendops-${randomBytes(16).toString('hex')}`;
}

export async function createOrganization(
  db: DbExecutor,
  input: CreateOrganizationInput,
): Promise<CreatedOrganization> {
  const name = requireName(input.name, 'organization name');
  if (input.slug !== undefined) assertSlug(input.slug);
  const base = input.slug ?? slugify(name);
  const attempts = input.slug === undefined ? DERIVED_SLUG_ATTEMPTS : 1;

  for (let attempt = 0; attempt < attempts; attempt++) {
    const slug = attempt === 0 ? base : slugWithSuffix(base);
    if (await slugRedirects(db, slug)) continue;
    const apiKey = generateIngestApiKey();
    // ON CONFLICT DO NOTHING (not catch-and-retry) keeps a caller's transaction usable after a clash.
    const organization = await db
      .insertInto('organizations')
      .values({
        name,
        slug,
        ingest_key_hash: apiKey.hash,
        ingest_key_prefix: apiKey.prefix,
        external_id: newExternalId(),
        is_demo: input.isDemo ?? false,
      })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (organization) return { organization, ingestApiKey: apiKey.key };
  }
  throw new DomainError('conflict', `organization slug "${base}" already exists`);
}

/** A slug another organization gave up less than SLUG_REDIRECT_DAYS ago still redirects to it. */
async function slugRedirects(db: DbExecutor, slug: string): Promise<boolean> {
  const held = await db
    .selectFrom('organization_slug_history')
    .select('id')
    .where('slug', '=', slug)
    .where('replaced_at', '>', sql<Date>`now() - make_interval(days => ${SLUG_REDIRECT_DAYS})`)
    .executeTakeFirst();
  return held !== undefined;
}

export async function getOrganization(db: DbExecutor, id: string): Promise<Organization | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every organization (operator view; tenant-facing code reads one organization by id). */
export async function listOrganizations(db: DbExecutor): Promise<Organization[]> {
  return db.selectFrom('organizations').selectAll().orderBy('name').orderBy('id').execute();
}

export async function findOrganizationByIngestKeyHash(
  db: DbExecutor,
  hash: string,
): Promise<IngestOrganization | undefined> {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'ingest_key_hash', 'template_tag_names', 'events_retention_days'])
    .where('ingest_key_hash', '=', hash)
    .executeTakeFirst();
}

/** Replaces the ingest key and returns the new plaintext key; the old key stops working at once. */
export async function rotateIngestApiKey(db: DbExecutor, organizationId: string): Promise<string> {
  const apiKey = generateIngestApiKey();
  const updated = isUuid(organizationId)
    ? await db
        .updateTable('organizations')
        .set({
          ingest_key_hash: apiKey.hash,
          ingest_key_prefix: apiKey.prefix,
          ingest_key_created_at: new Date(),
        })
        .where('id', '=', organizationId)
        .returning('id')
        .executeTakeFirst()
    : undefined;
  if (!updated) throw new DomainError('not_found', 'organization not found');
  return apiKey.key;
}

/** The oldest demo organization, if one was seeded. */
export async function findDemoOrganization(db: DbExecutor): Promise<Organization | undefined> {
  return db
    .selectFrom('organizations')
    .selectAll()
    .where('is_demo', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
