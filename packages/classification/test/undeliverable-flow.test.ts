import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { insertEventRows } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import { listAuditEntries, type OrganizationContext, resolveOrganizationAccess, signUp } from '@sendops/auth';
import type { Role } from '@sendops/db';
import { createTestDatabase, type TestDatabase } from '@sendops/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowAddress,
  exportOrganizationUndeliverable,
  getUndeliverableRules,
  listOrganizationUndeliverable,
  organizationAddressHistory,
  previewOrganizationRules,
  relistAddress,
  saveUndeliverableRules,
  type UndeliverableStores,
} from '../src/index.ts';
import { eventRows, type TestEvent } from './event-rows.ts';

const DAY = 86_400_000;
let database: TestDatabase;
let analytics: TestAnalytics;
let stores: UndeliverableStores;

beforeAll(async () => {
  [database, analytics] = await Promise.all([createTestDatabase(), createTestAnalytics()]);
  stores = { db: database.db, analytics: analytics.store };
});
afterAll(async () => {
  await Promise.all([database?.destroy(), analytics?.destroy()]);
});

/** A new user with their own organization (Owner), and a context acting as them with `role`. */
async function newOrganization(): Promise<OrganizationContext> {
  const email = `owner-${randomBytes(4).toString('hex')}@example.com`;
  const { user } = await signUp(database.db, {
    name: 'Olivia Owner',
    email,
    password: 'correct horse battery',
  });
  const membership = await database.db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select('organizations.slug')
    .where('memberships.user_id', '=', user.id)
    .where('memberships.role', '=', 'owner')
    .executeTakeFirstOrThrow();
  const access = await resolveOrganizationAccess(database.db, user, membership.slug);
  if (access.kind !== 'member') throw new Error('owner has no membership');
  return access.context;
}

const as = (context: OrganizationContext, role: Role): OrganizationContext => ({ ...context, role });

async function load(organizationId: string, events: TestEvent[]): Promise<void> {
  await insertEventRows(
    analytics.store,
    events.flatMap((e) => eventRows(organizationId, e)),
  );
}

/** The same traffic for any organization, relative to `now`. */
function traffic(now: Date, tag: string): TestEvent[] {
  const at = (days: number) => new Date(now.getTime() - days * DAY);
  return [
    {
      id: `${tag}-1`,
      recipient: 'gone@acme.test',
      time: at(3),
      type: 'Bounce',
      bounceType: 'Permanent',
      bounceSubType: 'NoEmail',
    },
    ...[1, 5, 9].map(
      (d): TestEvent => ({
        id: `${tag}-t${d}`,
        recipient: 'ndr@corp.test',
        time: at(d),
        type: 'Bounce',
        bounceType: 'Transient',
        bounceSubType: 'General',
        dsnStatus: '4.0.0',
      }),
    ),
    {
      id: `${tag}-s1`,
      recipient: 'soft@acme.test',
      time: at(2),
      type: 'Bounce',
      bounceType: 'Transient',
      bounceSubType: 'General',
      dsnStatus: '4.0.0',
    },
    { id: `${tag}-d1`, recipient: 'fine@acme.test', time: at(1), type: 'Delivery' },
  ];
}

describe('undeliverable list end to end (Postgres exclusions + ClickHouse events)', () => {
  it('lists by the saved rules, allows with a note, relists on a new failure, and re-lists on request', async () => {
    const owner = await newOrganization();
    const other = await newOrganization();
    const now = new Date();
    await load(owner.organizationId, traffic(now, 'a'));
    await load(other.organizationId, traffic(now, 'b'));

    const listed = await listOrganizationUndeliverable(stores, owner.organizationId, { now });
    expect(listed.items.map((r) => [r.address, r.reasonLabel, r.events])).toEqual([
      ['ndr@corp.test', 'repeated transient', 3],
      ['gone@acme.test', 'permanent bounce · NoEmail', 1],
    ]);
    expect(listed.rulesVersion).toBe((await getUndeliverableRules(database.db, owner)).version);

    // Allow with a note: Excluded, the note as Last diagnostic, an audit entry; the other org is untouched.
    const cleared = await allowAddress(database.db, as(owner, 'marketer'), {
      address: ' Gone@Acme.test ',
      note: 'Customer fixed mailbox after IT migration',
    });
    expect(cleared.address).toBe('gone@acme.test');
    const afterAllow = await listOrganizationUndeliverable(stores, owner.organizationId, { now });
    expect(afterAllow.items.map((r) => r.address)).toEqual(['ndr@corp.test']);
    const excluded = await listOrganizationUndeliverable(stores, owner.organizationId, {
      now,
      filters: { status: 'excluded' },
    });
    expect(excluded.items).toMatchObject([
      {
        address: 'gone@acme.test',
        status: 'excluded',
        lastDiagnostic: 'Customer fixed mailbox after IT migration',
        lastChange: cleared.clearedAt,
      },
    ]);
    const otherList = await listOrganizationUndeliverable(stores, other.organizationId, { now });
    expect(otherList.items.map((r) => r.address)).toEqual(['ndr@corp.test', 'gone@acme.test']);
    const audit = await listAuditEntries(database.db, owner, { resourceType: 'undeliverable_address' });
    expect(audit.items[0]).toMatchObject({
      operation: 'allowed',
      note: 'Customer fixed mailbox after IT migration',
    });

    // A new permanent bounce after the clearing puts it back on the list by itself.
    const clearedAt = new Date(cleared.clearedAt);
    const later = new Date(clearedAt.getTime() + DAY);
    await load(owner.organizationId, [
      {
        id: 'a-again',
        recipient: 'gone@acme.test',
        time: new Date(clearedAt.getTime() + 60_000),
        type: 'Bounce',
        bounceType: 'Permanent',
        bounceSubType: 'General',
      },
    ]);
    const relisted = await listOrganizationUndeliverable(stores, owner.organizationId, { now: later });
    expect(relisted.items.find((r) => r.address === 'gone@acme.test')).toMatchObject({
      status: 'listed',
      reasonLabel: 'permanent bounce · General',
      events: 2,
    });
    expect(
      (
        await listOrganizationUndeliverable(stores, owner.organizationId, {
          now: later,
          filters: { status: 'excluded' },
        })
      ).items,
    ).toEqual([]);

    // Re-list ends the exclusion; a second re-list has nothing to end.
    await relistAddress(database.db, owner, { address: 'gone@acme.test' });
    await expect(relistAddress(database.db, owner, { address: 'gone@acme.test' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('enforces undeliverable.view / manage / configure by role', async () => {
    const owner = await newOrganization();
    const viewer = as(owner, 'viewer');
    const developer = as(owner, 'developer');
    const forbidden = { code: 'forbidden' };
    await expect(getUndeliverableRules(database.db, viewer)).resolves.toMatchObject({ profile: 'standard' });
    await expect(getUndeliverableRules(database.db, as(owner, 'financial'))).rejects.toMatchObject(forbidden);
    await expect(allowAddress(database.db, developer, { address: 'x@y.test' })).rejects.toMatchObject(
      forbidden,
    );
    await expect(
      allowAddress(database.db, as(owner, 'customer_support'), { address: 'x@y.test' }),
    ).resolves.toBeTruthy();
    await expect(
      saveUndeliverableRules(database.db, as(owner, 'marketer'), { profile: 'aggressive' }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      saveUndeliverableRules(database.db, as(owner, 'org_admin'), { profile: 'aggressive' }),
    ).resolves.toMatchObject({ profile: 'aggressive' });
  });

  it('saves rules with a version and a before/after audit entry; previews without saving', async () => {
    const owner = await newOrganization();
    const now = new Date();
    await load(owner.organizationId, traffic(now, 'p'));
    const before = await getUndeliverableRules(database.db, owner);
    expect(before).toMatchObject({ profile: 'standard', updatedAt: null });

    const preview = await previewOrganizationRules(stores, owner.organizationId, { profile: 'strict' }, now);
    expect(preview).toMatchObject({ currentSize: 2, candidateSize: 1, added: 0, removed: 1 });
    expect(preview.breakdown.permanent_bounce).toBe(1);
    const loose = await previewOrganizationRules(
      stores,
      owner.organizationId,
      {
        rules: {
          ...before.rules,
          repeated_transient: { enabled: true, events: 1, window_days: 30 },
        },
      },
      now,
    );
    expect(loose).toMatchObject({ currentSize: 2, candidateSize: 3, added: 1, removed: 0 });
    expect(loose.sampleAdditions).toEqual([
      { address: 'soft@acme.test', reason: 'repeated_transient', events: 1 },
    ]);
    await expect(
      previewOrganizationRules(
        stores,
        owner.organizationId,
        { rules: { repeated_transient: { enabled: true } } },
        now,
      ),
    ).rejects.toMatchObject({ code: 'invalid' });
    expect((await getUndeliverableRules(database.db, owner)).updatedAt).toBeNull();

    const saved = await saveUndeliverableRules(database.db, owner, { profile: 'strict' });
    expect(saved.version).toMatch(/^[0-9a-f]{6}$/);
    expect(saved.version).not.toBe(before.version);
    const audit = await listAuditEntries(database.db, owner, { resourceType: 'undeliverable_rules' });
    expect(audit.items[0]).toMatchObject({
      operation: 'updated',
      actor: { name: 'Olivia Owner' },
      before: { profile: 'standard', version: before.version },
      after: { profile: 'strict', version: saved.version },
    });
    const list = await listOrganizationUndeliverable(stores, owner.organizationId, { now });
    expect(list.items.map((r) => r.address)).toEqual(['gone@acme.test']);
    expect(list.rulesVersion).toBe(saved.version);
  });

  it('shows the event history of an address and exports the list as CSV', async () => {
    const owner = await newOrganization();
    const now = new Date();
    await load(owner.organizationId, traffic(now, 'h'));
    const history = await organizationAddressHistory(stores, owner.organizationId, 'NDR@corp.test', now);
    expect(history.map((e) => [e.eventType, e.detail, e.countsToward])).toEqual([
      ['Bounce', 'Transient/General', ['repeated_transient']],
      ['Bounce', 'Transient/General', ['repeated_transient']],
      ['Bounce', 'Transient/General', ['repeated_transient']],
    ]);
    const csv = await text(await exportOrganizationUndeliverable(stores, owner.organizationId, { now }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('email,status,reason,reason_label,events,last_change,last_diagnostic,note');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      'ndr@corp.test,listed,repeated_transient,repeated transient,3',
      'gone@acme.test,listed,permanent_bounce,permanent bounce · NoEmail,1',
    ]);
  });
});
