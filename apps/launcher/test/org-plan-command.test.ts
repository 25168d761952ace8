import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOrganization } from '@sendops/db';
import { createTestDatabase, type TestDatabase } from '@sendops/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.ts';

let test: TestDatabase;
let env: Record<string, string>;
beforeAll(async () => {
  test = await createTestDatabase();
  env = { DATABASE_URL: test.url, SENDOPS_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sendops-plan-')) };
});
afterAll(async () => {
  await test?.destroy();
});

describe('sendops org plan', () => {
  it('moves an organization to Team by slug, recording the change in its audit log', async () => {
    const { organization } = await createOrganization(test.db, { name: 'Plan Test' });
    const result = runCli(['org', 'plan', '--org', organization.slug, '--plan', 'team', '--json'], env);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      organizationId: organization.id,
      slug: organization.slug,
      previous: 'free',
      plan: 'team',
    });
    const row = await test.db
      .selectFrom('organizations')
      .select('plan')
      .where('id', '=', organization.id)
      .executeTakeFirstOrThrow();
    expect(row.plan).toBe('team');
    const audit = await test.db
      .selectFrom('audit_log')
      .select(['resource_type', 'operation', 'summary'])
      .where('organization_id', '=', organization.id)
      .execute();
    expect(audit).toEqual([
      { resource_type: 'billing', operation: 'updated', summary: 'Plan changed from Free to Team' },
    ]);
  });

  it('exits 2 for an unknown plan or organization', () => {
    const badPlan = runCli(['org', 'plan', '--org', 'x', '--plan', 'gold'], env);
    expect([badPlan.status, badPlan.stderr]).toEqual([
      2,
      expect.stringMatching(/--plan must be one of free, team, business/),
    ]);
    const missing = runCli(['org', 'plan', '--org', 'no-such-org', '--plan', 'team'], env);
    expect([missing.status, missing.stderr]).toEqual([
      2,
      expect.stringMatching(/no organization no-such-org/),
    ]);
  });
});
