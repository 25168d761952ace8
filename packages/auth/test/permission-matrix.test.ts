import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '@sendops/db';
import { describe, expect, it } from 'vitest';
import { PERMISSION_GRANTS, permissionsOf } from '../src/index.ts';

// docs/dashboard-api.md is the contract the dashboard reads; its table and PERMISSION_GRANTS must agree.
const contract = readFileSync(new URL('../../../docs/dashboard-api.md', import.meta.url), 'utf8');

function contractGrants(): Map<string, Role[]> {
  // The header row, whatever padding the formatter gives the table's columns.
  const header = /^\|\s*permission\s*\|\s*granted to\s*\|$/m.exec(contract);
  if (!header) throw new Error('docs/dashboard-api.md has no "permission | granted to" table');
  const section = contract.slice(header.index);
  const grants = new Map<string, Role[]>();
  for (const line of section.split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [, permissions = '', roles = ''] = line.split('|').map((cell) => cell.trim());
    const granted =
      roles === 'all eight roles' ? [...ROLES] : (roles.split(',').map((r) => r.trim()) as Role[]);
    for (const name of permissions.matchAll(/`([^`]+)`/g)) grants.set(name[1]!, granted);
  }
  return grants;
}

describe('permissions', () => {
  it('grant exactly what the contract table in docs/dashboard-api.md says', () => {
    const table = contractGrants();
    expect(table.size).toBeGreaterThan(30);
    const ours = Object.fromEntries(
      Object.entries(PERMISSION_GRANTS).map(([name, roles]) => [name, [...roles].sort()]),
    );
    const theirs = Object.fromEntries([...table].map(([name, roles]) => [name, [...roles].sort()]));
    expect(ours).toEqual(theirs);
  });

  it('name only known roles, and the spec rows hold (Owner everything, Viewer read-only)', () => {
    for (const roles of Object.values(PERMISSION_GRANTS)) {
      for (const role of roles) expect(ROLES).toContain(role);
    }
    expect(permissionsOf('owner')).toEqual(Object.keys(PERMISSION_GRANTS));
    for (const permission of permissionsOf('viewer')) expect(permission).toMatch(/\.view$/);
    // team/members-and-roles: Org Admin can do everything but delete, transfer, and manage billing details.
    const adminLacks = Object.keys(PERMISSION_GRANTS).filter(
      (p) => !permissionsOf('org_admin').includes(p as never),
    );
    expect(adminLacks.sort()).toEqual(
      [
        'billing.invoices.download',
        'billing.invoices.view',
        'billing.payments.view',
        'billing.plan.manage',
        'billing.ses_costs.view',
        'billing.ses_costs.export',
        'org.delete',
        'org.ownership.transfer',
      ].sort(),
    );
  });
});
