import type { Plan } from '@sendops/db';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  type AuditEntryInput,
  appendAuditEntry,
  listAuditEntries,
  type OrganizationContext,
  pruneExpiredAuditEntries,
  verifyAuditChain,
} from '../src/index.ts';
import { alice, createOrganizationContext, useTestDatabase } from './database-fixture.ts';

const database = useTestDatabase();

const bob = { userId: '00000000-0000-4000-8000-00000000000b', name: 'Bob Builder', email: 'bob@example.com' };

const newOrganization = (plan: Plan = 'free') =>
  createOrganizationContext(database.db, 'Audit test', { role: 'viewer', plan });

function append(context: OrganizationContext, entry: Partial<AuditEntryInput> = {}) {
  return database.db.transaction().execute((trx) =>
    appendAuditEntry(trx, {
      organizationId: context.organizationId,
      actor: alice,
      resourceType: 'domain',
      resourceId: 'example.com',
      operation: 'created',
      summary: 'Domain example.com added',
      after: { name: 'example.com', records: [{ type: 'TXT', value: 'v=spf1' }], at: new Date(0) },
      ...entry,
    }),
  );
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** Tampering needs the trigger off: only a superuser can, and only this test does. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(trx);
    await statement.execute(trx);
    await sql`alter table audit_log enable always trigger audit_log_no_update_delete`.execute(trx);
  });
}

describe('audit chain', () => {
  it('numbers entries 1, 2, 3… per organization and links each to the previous hash', async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const first = await append(org);
    await append(other);
    const second = await append(org, {
      operation: 'updated',
      before: { a: 1 },
      after: { a: 2 },
      note: 'why',
    });
    expect([first.sequence, second.sequence]).toEqual([1, 2]);
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['sequence', 'prev_hash', 'hash'])
      .where('organization_id', '=', org.organizationId)
      .orderBy('sequence')
      .execute();
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(await verifyAuditChain(database.db, org.organizationId)).toEqual({
      ok: true,
      checked: 2,
      firstBrokenSequence: null,
    });
  });

  it('never forks under concurrent writers', async () => {
    const org = await newOrganization();
    await Promise.all(Array.from({ length: 12 }, (_, i) => append(org, { summary: `entry ${i}` })));
    const sequences = await database.db
      .selectFrom('audit_log')
      .select('sequence')
      .where('organization_id', '=', org.organizationId)
      .orderBy('sequence')
      .execute();
    expect(sequences.map((row) => Number(row.sequence))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect((await verifyAuditChain(database.db, org.organizationId)).ok).toBe(true);
  });

  it('rolls back with the transaction that failed, leaving no gap', async () => {
    const org = await newOrganization();
    await append(org);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await appendAuditEntry(trx, {
          organizationId: org.organizationId,
          actor: alice,
          resourceType: 'domain',
          resourceId: null,
          operation: 'deleted',
          summary: 'never happened',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await append(org)).sequence).toBe(2);
    expect((await verifyAuditChain(database.db, org.organizationId)).ok).toBe(true);
  });

  it('names the first broken sequence when a row is edited, re-linked or removed', async () => {
    const edited = await newOrganization();
    for (let i = 0; i < 5; i++) await append(edited);
    await tamper(
      sql`update audit_log set summary = 'nothing to see' where organization_id = ${edited.organizationId} and sequence = 3`,
    );
    expect(await verifyAuditChain(database.db, edited.organizationId)).toEqual({
      ok: false,
      checked: 3,
      firstBrokenSequence: 3,
    });

    const snapshot = await newOrganization();
    for (let i = 0; i < 3; i++) await append(snapshot);
    await tamper(
      sql`update audit_log set after = '{"name":"other.com"}' where organization_id = ${snapshot.organizationId} and sequence = 2`,
    );
    expect((await verifyAuditChain(database.db, snapshot.organizationId)).firstBrokenSequence).toBe(2);

    const removed = await newOrganization();
    for (let i = 0; i < 4; i++) await append(removed);
    await tamper(
      sql`delete from audit_log where organization_id = ${removed.organizationId} and sequence = 2`,
    );
    expect((await verifyAuditChain(database.db, removed.organizationId)).firstBrokenSequence).toBe(2);

    // Recomputing the edited row's own hash does not help: the next row's prev_hash no longer matches.
    const rehashed = await newOrganization();
    for (let i = 0; i < 3; i++) await append(rehashed);
    await tamper(
      sql`update audit_log set hash = repeat('a', 64) where organization_id = ${rehashed.organizationId} and sequence = 1`,
    );
    expect((await verifyAuditChain(database.db, rehashed.organizationId)).firstBrokenSequence).toBe(1);
  });
});

describe('audit retention', () => {
  it('hides entries older than the plan allows on read: Free 7 days, Team 90, Business 365', async () => {
    for (const [plan, visibleAges] of [
      ['free', [0, 6]],
      ['team', [0, 6, 8, 89]],
      ['business', [0, 6, 8, 89, 91, 364]],
    ] as const) {
      const org = await newOrganization(plan);
      for (const age of [400, 366, 364, 91, 89, 8, 6, 0]) {
        await append(org, { summary: `age ${age}`, occurredAt: daysAgo(age) });
      }
      const page = await listAuditEntries(database.db, org, { limit: 200 });
      expect(page.items.map((item) => item.summary)).toEqual(visibleAges.map((age) => `age ${age}`));
      expect(page.retentionDays).toBe({ free: 7, team: 90, business: 365 }[plan]);
    }
  });

  it('prunes expired entries and keeps the rest of the chain verifiable, appending from the anchor', async () => {
    const org = await newOrganization('free');
    for (const age of [30, 20, 10, 1]) await append(org, { occurredAt: daysAgo(age) });
    const untouched = await newOrganization('business');
    await append(untouched, { occurredAt: daysAgo(30) });

    expect(await pruneExpiredAuditEntries(database.db)).toBeGreaterThanOrEqual(3);
    const left = await database.db
      .selectFrom('audit_log')
      .select('sequence')
      .where('organization_id', '=', org.organizationId)
      .execute();
    expect(left.map((row) => Number(row.sequence))).toEqual([4]);
    expect(await verifyAuditChain(database.db, org.organizationId)).toEqual({
      ok: true,
      checked: 1,
      firstBrokenSequence: null,
    });
    expect((await append(org)).sequence).toBe(5);
    expect((await verifyAuditChain(database.db, org.organizationId)).ok).toBe(true);
    expect((await verifyAuditChain(database.db, untouched.organizationId)).checked).toBe(1);

    // Everything expired: the chain continues from the anchor.
    const drained = await newOrganization('free');
    for (const age of [30, 20]) await append(drained, { occurredAt: daysAgo(age) });
    await pruneExpiredAuditEntries(database.db);
    expect((await append(drained)).sequence).toBe(3);
    expect(await verifyAuditChain(database.db, drained.organizationId)).toEqual({
      ok: true,
      checked: 1,
      firstBrokenSequence: null,
    });
  });
});

describe('audit filters', () => {
  it('combine resource type, operation and actor search with AND, newest first, paged by cursor', async () => {
    const org = await newOrganization('team');
    await append(org, { actor: alice, resourceType: 'domain', operation: 'created', summary: 'a1' });
    await append(org, { actor: bob, resourceType: 'domain', operation: 'created', summary: 'b1' });
    await append(org, { actor: alice, resourceType: 'channel', operation: 'created', summary: 'a2' });
    await append(org, { actor: alice, resourceType: 'domain', operation: 'deleted', summary: 'a3' });
    await append(org, { actor: null, resourceType: 'domain', operation: 'created', summary: 'system' });

    const summaries = async (filters: Parameters<typeof listAuditEntries>[2]) =>
      (await listAuditEntries(database.db, org, filters)).items.map((item) => item.summary);
    expect(await summaries({ resourceType: 'domain' })).toEqual(['system', 'a3', 'b1', 'a1']);
    expect(await summaries({ resourceType: 'domain', operation: 'created' })).toEqual(['system', 'b1', 'a1']);
    expect(await summaries({ resourceType: 'domain', operation: 'created', actor: 'ALICE' })).toEqual(['a1']);
    expect(await summaries({ actor: 'bob@example' })).toEqual(['b1']);
    // LIKE wildcards in the search are literal.
    expect(await summaries({ actor: '%' })).toEqual([]);

    const first = await listAuditEntries(database.db, org, { limit: 2 });
    expect(first.items.map((i) => i.summary)).toEqual(['system', 'a3']);
    const second = await listAuditEntries(database.db, org, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.summary)).toEqual(['a2', 'b1']);
    const third = await listAuditEntries(database.db, org, { limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((i) => i.summary)).toEqual(['a1']);
    expect(third.nextCursor).toBeNull();
    expect(third.items[0]).toMatchObject({
      actor: { name: 'Alice Admin', email: 'alice@example.com' },
      resourceType: 'domain',
      resourceId: 'example.com',
      after: {
        name: 'example.com',
        records: [{ type: 'TXT', value: 'v=spf1' }],
        at: '1970-01-01T00:00:00.000Z',
      },
    });
    await expect(listAuditEntries(database.db, org, { cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'invalid',
    });
  });
});
