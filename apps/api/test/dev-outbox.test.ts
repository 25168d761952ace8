import { loadConfig } from '@sendops/config';
import { describe, expect, it } from 'vitest';
import { call, startHarness, uniqueEmail } from './support/api-harness.ts';
import { teamOrganization } from './support/team-harness.ts';

describe('GET /api/dev/outbox', () => {
  it('without SMTP, shows the mail that would have been sent, with its links', async () => {
    const h = await startHarness();
    try {
      const org = await teamOrganization(h);
      const email = uniqueEmail('outbox');
      expect(
        (await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/invitations`, { email, role: 'viewer' }))
          .statusCode,
      ).toBe(201);
      const outbox = await call(h.app, undefined, 'GET', '/api/dev/outbox');
      expect(outbox.statusCode).toBe(200);
      const [newest] = outbox.json().items;
      expect(newest).toMatchObject({ to: email, from: 'SendOps <no-reply@localhost>' });
      expect(newest.links).toEqual([
        expect.stringMatching(/^http:\/\/localhost:3000\/invitations\/[\w-]{43}$/),
      ]);
      // The link from the outbox opens the invitation.
      const token = (newest.links[0] as string).split('/').at(-1);
      expect((await call(h.app, undefined, 'GET', `/api/invitations/${token}`)).json().email).toBe(email);
    } finally {
      await h.close();
    }
  });

  it('does not exist in production, nor when SMTP is configured', async () => {
    for (const overrides of [
      { NODE_ENV: 'production', SENDOPS_SECRET_KEY: 'a'.repeat(64) },
      { NODE_ENV: 'test', SENDOPS_SMTP_URL: 'smtp://user:pass@127.0.0.1:2525' },
    ] as const) {
      const h = await startHarness({ config: loadConfig({}, overrides) });
      try {
        const response = await call(h.app, undefined, 'GET', '/api/dev/outbox');
        expect(response.statusCode, overrides.NODE_ENV).toBe(404);
      } finally {
        await h.close();
      }
    }
  });
});
