import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueEmail } from './support/api-harness.ts';
import { startTeamHarness, type TeamHarness, teamOrganization } from './support/team-harness.ts';

let h: TeamHarness;
beforeAll(async () => {
  h = await startTeamHarness();
});
afterAll(async () => {
  await h?.close();
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(24)]);

describe('workspace logo in team emails', () => {
  it('carries the logo inline (cid), never as a link, and nothing without one', async () => {
    const org = await teamOrganization(h);
    const first = uniqueEmail('plain');
    expect(
      (
        await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/invitations`, {
          email: first,
          role: 'viewer',
        })
      ).statusCode,
    ).toBe(201);
    const plain = (await h.smtp.waitFor(1)).findLast((m) => m.rcptTo.includes(first));
    expect(plain?.html).not.toContain('cid:');
    expect(plain?.raw).not.toContain('Content-ID');

    const put = await h.app.inject({
      method: 'PUT',
      url: `/api/orgs/${org.slug}/logo`,
      headers: { 'content-type': 'image/png', 'x-csrf-token': org.owner.csrf },
      cookies: { sendops_session: org.owner.session, sendops_csrf: org.owner.csrf },
      payload: PNG,
    });
    expect(put.statusCode).toBe(200);
    const second = uniqueEmail('logo');
    const before = h.smtp.messages.length;
    await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/invitations`, {
      email: second,
      role: 'viewer',
    });
    const [mail] = (await h.smtp.waitFor(before + 1)).slice(before);
    expect(mail?.rcptTo).toEqual([second]);
    expect(mail?.html).toContain('src="cid:workspace-logo@sendops"');
    expect(mail?.html).not.toContain('/logo');
    expect(mail?.raw).toContain('Content-ID: <workspace-logo@sendops>');
    expect(mail?.raw).toMatch(/Content-Type: image\/png/i);
    expect(mail?.raw.replace(/\r?\n/g, '')).toContain(PNG.toString('base64'));
  });
});
