import { isDomainError } from '@sendops/db';
import { describe, expect, it } from 'vitest';
import { inviteMember, setOrganizationPlan } from '../../src/index.ts';
import { auditRows, createOwnedOrganization, useTeamFixture } from './team-fixture.ts';

const f = useTeamFixture();

describe('setting an organization’s plan (operator)', () => {
  it('moves a Free workspace to Team so it can invite, audited as a billing change by the system', async () => {
    const { organization, context } = await createOwnedOrganization(f.db, 'free');
    const refused = await inviteMember(f.at(), context, { email: 'x@example.com', role: 'viewer' }).catch(
      (e) => e,
    );
    expect(isDomainError(refused, 'plan_limit')).toBe(true);

    expect(await setOrganizationPlan(f.db, organization.slug, 'team')).toEqual({
      organizationId: organization.id,
      slug: organization.slug,
      previous: 'free',
      plan: 'team',
    });
    await inviteMember(f.at(), context, { email: 'x@example.com', role: 'viewer' });
    const change = (await auditRows(f.db, organization.id)).find((r) => r.resource_type === 'billing');
    expect(change).toMatchObject({
      actor_user_id: null,
      operation: 'updated',
      summary: 'Plan changed from Free to Team',
      before: { plan: 'free' },
      after: { plan: 'team' },
    });

    // By id too; the same plan again changes and records nothing.
    const before = (await auditRows(f.db, organization.id)).length;
    await setOrganizationPlan(f.db, organization.id, 'team');
    expect((await auditRows(f.db, organization.id)).length).toBe(before);
  });

  it('refuses an unknown plan or organization', async () => {
    const invalid = await setOrganizationPlan(f.db, 'whatever', 'gold').catch((e) => e);
    expect(isDomainError(invalid, 'invalid')).toBe(true);
    const missing = await setOrganizationPlan(f.db, 'no-such-org', 'team').catch((e) => e);
    expect(isDomainError(missing, 'not_found')).toBe(true);
  });
});
