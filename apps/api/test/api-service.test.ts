import { loadConfig } from '@sendops/config';
import { createOrganization } from '@sendops/db';
import { createTestDatabase, type TestDatabase } from '@sendops/db/testing';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiService } from '../src/api-service.ts';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test?.destroy();
});

describe('createApiService', () => {
  it('listens on a real port, answers health checks, prunes expired audit entries, and stops', async () => {
    const { organization } = await createOrganization(test.db, { name: 'Old log' });
    await sql`
      insert into audit_log (organization_id, sequence, occurred_at, resource_type, operation, summary, prev_hash, hash)
      values (${organization.id}, 1, now() - interval '30 days', 'settings', 'updated', 'old', repeat('0', 64), repeat('a', 64))
    `.execute(test.db);

    const service = await createApiService({
      config: loadConfig({}, { NODE_ENV: 'test' }),
      db: test.db,
      logger: pino({ level: 'silent' }),
    });
    const url = await service.listen(0, '127.0.0.1');
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const unknown = await fetch(`${url}/api/nope`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: 'no such endpoint' } });
    } finally {
      // stop() waits for the sweep started by listen().
      await service.stop();
    }
    const anchor = await test.db
      .selectFrom('audit_log_anchors')
      .select('sequence')
      .where('organization_id', '=', organization.id)
      .executeTakeFirst();
    expect(anchor?.sequence).toBe('1');
  });
});
