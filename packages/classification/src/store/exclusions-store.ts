import type { DbExecutor } from '@sendops/db';
import { sql } from 'kysely';

/** An active clearing: the address is Excluded until a qualifying event after `clearedAt`. */
export interface Exclusion {
  id: string;
  address: string;
  note: string | null;
  actorUserId: string | null;
  actorName: string | null;
  clearedAt: Date;
}

// Every change takes a new revision: the ClickHouse mirror (exclusion-mirror.ts) syncs by it.
const NEXT_REVISION = sql<string>`nextval('undeliverable_exclusions_revision_seq')`;

const columns = ['id', 'address', 'note', 'actor_user_id', 'actor_name', 'cleared_at'] as const;

type Row = {
  id: string;
  address: string;
  note: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  cleared_at: Date;
};

const toExclusion = (row: Row): Exclusion => ({
  id: row.id,
  address: row.address,
  note: row.note,
  actorUserId: row.actor_user_id,
  actorName: row.actor_name,
  clearedAt: row.cleared_at,
});

export interface InsertExclusionInput {
  organizationId: string;
  address: string;
  note: string | null;
  actorUserId: string | null;
  actorName: string | null;
}

/**
 * Clears an address. A clearing that a new failure overrode is still the active row: it is replaced,
 * so the latest Allow (note, actor, time) is the one that counts.
 */
export async function upsertExclusion(db: DbExecutor, input: InsertExclusionInput): Promise<Exclusion> {
  const values = {
    organization_id: input.organizationId,
    address: input.address,
    note: input.note,
    actor_user_id: input.actorUserId,
    actor_name: input.actorName,
  };
  const row = await db
    .insertInto('undeliverable_exclusions')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['organization_id', 'address']).where('relisted_at', 'is', null).doUpdateSet({
        note: input.note,
        actor_user_id: input.actorUserId,
        actor_name: input.actorName,
        cleared_at: sql`now()`,
        revision: NEXT_REVISION,
      }),
    )
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toExclusion(row);
}

/** Ends the active exclusion of an address; undefined when there was none. */
export async function endExclusion(
  db: DbExecutor,
  organizationId: string,
  address: string,
  relistedBy: string | null,
): Promise<Exclusion | undefined> {
  const row = await db
    .updateTable('undeliverable_exclusions')
    .set({ relisted_at: sql`now()`, relisted_by_user_id: relistedBy, revision: NEXT_REVISION })
    .where('organization_id', '=', organizationId)
    .where('address', '=', address)
    .where('relisted_at', 'is', null)
    .returning(columns)
    .executeTakeFirst();
  return row ? toExclusion(row) : undefined;
}

/** The latest revision of the organization's exclusions (0 when it never cleared an address). */
export async function latestExclusionRevision(db: DbExecutor, organizationId: string): Promise<bigint> {
  const row = await db
    .selectFrom('undeliverable_exclusions')
    .select((eb) => eb.fn.max('revision').as('revision'))
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return BigInt(row?.revision ?? 0);
}

export interface ExclusionChange {
  address: string;
  clearedAt: Date;
  note: string | null;
  actorName: string | null;
  active: boolean;
  revision: bigint;
}

/** Every exclusion row changed after `revision`, oldest change first. */
export async function exclusionChangesSince(
  db: DbExecutor,
  organizationId: string,
  revision: bigint,
): Promise<ExclusionChange[]> {
  const rows = await db
    .selectFrom('undeliverable_exclusions')
    .select(['address', 'cleared_at', 'note', 'actor_name', 'relisted_at', 'revision'])
    .where('organization_id', '=', organizationId)
    .where('revision', '>', revision.toString())
    .orderBy('revision')
    .execute();
  return rows.map((row) => ({
    address: row.address,
    clearedAt: row.cleared_at,
    note: row.note,
    actorName: row.actor_name,
    active: row.relisted_at === null,
    revision: BigInt(row.revision),
  }));
}
