import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

// The database half of "append-only for real": whoever connects, rows cannot be changed or removed
// except through the two maintenance functions. The hash chain itself is tested in @sendops/auth.

const hex = () => randomBytes(32).toString('hex');

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test?.destroy();
});

async function organizationWithEntries(ages: number[]): Promise<string> {
  const { organization } = await createOrganization(test.db, { name: 'Audit guards' });
  let sequence = 0;
  for (const days of ages) {
    sequence++;
    await sql`
      insert into audit_log (organization_id, sequence, occurred_at, resource_type, operation, summary, prev_hash, hash)
      values (${organization.id}, ${sequence}, now() - make_interval(days => ${days}), 'settings', 'updated',
              'test entry', ${hex()}, ${hex()})
    `.execute(test.db);
  }
  return organization.id;
}

async function expectRefused(statement: Promise<unknown>): Promise<void> {
  await expect(statement).rejects.toMatchObject({ code: '42501' });
}

describe('audit_log guards', () => {
  it('refuse UPDATE, DELETE and TRUNCATE, also with replication-role sessions', async () => {
    const orgId = await organizationWithEntries([0]);
    await expectRefused(
      sql`update audit_log set summary = 'x' where organization_id = ${orgId}`.execute(test.db),
    );
    await expectRefused(sql`delete from audit_log where organization_id = ${orgId}`.execute(test.db));
    await expectRefused(sql`truncate audit_log`.execute(test.db));
    await expectRefused(sql`truncate audit_log_anchors`.execute(test.db));
    await expectRefused(
      test.db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`delete from audit_log where organization_id = ${orgId}`.execute(trx);
      }),
    );
    // Setting the maintenance flag by hand does not open UPDATE.
    await expectRefused(
      test.db.transaction().execute(async (trx) => {
        await sql`select set_config('sendops.audit_log_maintenance', 'on', true)`.execute(trx);
        await sql`update audit_log set summary = 'x' where organization_id = ${orgId}`.execute(trx);
      }),
    );
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from audit_log where organization_id = ${orgId}
    `.execute(test.db);
    expect(rows[0]?.n).toBe('1');
  });

  it('grant UPDATE, DELETE and TRUNCATE to no role: not the connecting role, not PUBLIC', async () => {
    const { rows } = await sql<{ grantee: string; privilege_type: string }>`
      select coalesce(r.rolname, 'PUBLIC') as grantee, acl.privilege_type
      from pg_class c
      cross join lateral aclexplode(c.relacl) as acl
      left join pg_roles r on r.oid = acl.grantee
      where c.relname in ('audit_log', 'audit_log_anchors')
        and acl.privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE')
    `.execute(test.db);
    expect(rows).toEqual([]);
    const { rows: acl } = await sql<{ relacl: string | null }>`
      select relacl::text from pg_class where relname = 'audit_log'
    `.execute(test.db);
    // An explicit ACL exists (a null ACL would mean the owner's default: every privilege).
    expect(acl[0]?.relacl).not.toBeNull();
  });

  it('prune only entries older than the plan retention, recording the last removed one as anchor', async () => {
    // Free plan: 7 days. Sequences 1-2 are expired, 3 is inside the window, 4 is old again but after it.
    const orgId = await organizationWithEntries([30, 8, 1, 9]);
    const { rows } = await sql<{ removed: string }>`
      select audit_log_prune_expired(${orgId}) as removed
    `.execute(test.db);
    expect(rows[0]?.removed).toBe('2');
    const remaining = await test.db
      .selectFrom('audit_log')
      .select('sequence')
      .where('organization_id', '=', orgId)
      .orderBy('sequence')
      .execute();
    expect(remaining.map((row) => row.sequence)).toEqual(['3', '4']);
    const anchor = await test.db
      .selectFrom('audit_log_anchors')
      .selectAll()
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(anchor.sequence).toBe('2');
    await expectRefused(
      sql`update audit_log_anchors set hash = 'x' where organization_id = ${orgId}`.execute(test.db),
    );
    await expectRefused(sql`delete from audit_log_anchors where organization_id = ${orgId}`.execute(test.db));
    // The privilege granted for the prune is gone again.
    const { rows: grants } = await sql<{ n: string }>`
      select count(*) as n from pg_class c cross join lateral aclexplode(c.relacl) as acl
      where c.relname in ('audit_log', 'audit_log_anchors') and acl.privilege_type in ('DELETE', 'UPDATE')
    `.execute(test.db);
    expect(grants[0]?.n).toBe('0');
    // Team plan keeps 90 days: nothing further goes.
    await test.db.updateTable('organizations').set({ plan: 'team' }).where('id', '=', orgId).execute();
    const again = await sql<{ removed: string }>`select audit_log_prune_expired(${orgId}) as removed`.execute(
      test.db,
    );
    expect(again.rows[0]?.removed).toBe('0');
  });

  it('remove rows only of an organization deleted in the same transaction', async () => {
    const orgId = await organizationWithEntries([0, 0]);
    await expectRefused(sql`select audit_log_delete_organization(${orgId})`.execute(test.db));
    // Deleting the organization alone fails at commit: its audit rows still reference it.
    await expect(test.db.deleteFrom('organizations').where('id', '=', orgId).execute()).rejects.toMatchObject(
      { code: '23503' },
    );
    await test.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('organizations').where('id', '=', orgId).execute();
      await sql`select audit_log_delete_organization(${orgId})`.execute(trx);
    });
    const left = await test.db
      .selectFrom('audit_log')
      .select('id')
      .where('organization_id', '=', orgId)
      .execute();
    expect(left).toEqual([]);
  });
});

describe('audit_log guards for a non-superuser owner (managed Postgres)', () => {
  // In production the application's role usually owns its tables without being a superuser: then the
  // revoked privileges are what refuse changes, and the prune function must still work.
  let own: TestDatabase;
  const role = `sendops_app_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    own = await createTestDatabase();
    await sql`create role ${sql.id(role)} nologin`.execute(own.db);
    await sql`grant select, insert on organizations to ${sql.id(role)}`.execute(own.db);
    for (const table of ['audit_log', 'audit_log_anchors']) {
      await sql`alter table ${sql.table(table)} owner to ${sql.id(role)}`.execute(own.db);
    }
    await sql`alter function audit_log_prune_expired(uuid) owner to ${sql.id(role)}`.execute(own.db);
  });
  afterAll(async () => {
    await own?.destroy();
    const maintenance = await createTestDatabase({ empty: true });
    await sql`drop role if exists ${sql.id(role)}`.execute(maintenance.db);
    await maintenance.destroy();
  });

  it('refuse UPDATE, DELETE and TRUNCATE by privilege, and prune through the function all the same', async () => {
    const { organization } = await createOrganization(own.db, { name: 'Managed' });
    await own.db.transaction().execute(async (trx) => {
      await sql`set local role ${sql.id(role)}`.execute(trx);
      for (const [sequence, days] of [
        [1, 30],
        [2, 0],
      ]) {
        await sql`
          insert into audit_log (organization_id, sequence, occurred_at, resource_type, operation, summary, prev_hash, hash)
          values (${organization.id}, ${sequence}, now() - make_interval(days => ${days}), 'settings', 'updated', 'x', ${hex()}, ${hex()})
        `.execute(trx);
      }
    });
    const asOwner = (statement: ReturnType<typeof sql>) =>
      own.db.transaction().execute(async (trx) => {
        await sql`set local role ${sql.id(role)}`.execute(trx);
        return statement.execute(trx);
      });
    for (const statement of [
      sql`update audit_log set summary = 'y'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
      sql`insert into audit_log_anchors (organization_id, sequence, hash) values (${organization.id}, 1, 'x')`,
    ]) {
      await expect(asOwner(statement)).rejects.toMatchObject({
        code: '42501',
        message: expect.stringContaining('permission denied'),
      });
    }
    const pruned = await asOwner(
      sql<{ removed: string }>`select audit_log_prune_expired(${organization.id}) as removed`,
    );
    expect((pruned.rows[0] as { removed: string }).removed).toBe('1');
    // The function's own grant did not outlive it.
    await expect(asOwner(sql`delete from audit_log`)).rejects.toMatchObject({ code: '42501' });
  });
});
