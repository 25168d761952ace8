// The dashboard driven in Debian's Chromium against a real `sendops start`: sign-up, the demo
// workspace, the own workspace, inviting and accepting a member, a role change the sidebar follows, an
// API key created and revoked, each action in the audit log; then light/dark themes and a phone.
// Screenshots land in screenshots/ (gitignored) for a person to look at.
import { totpCodeAt } from '@sendops/auth/testing';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-process.ts';
import { type BrowserStack, locatorHelpers, startBrowserStack, waitForLanding } from './browser-stack.ts';

const PASSWORD = 'correct horse battery';
const WAIT = { timeout: 20_000, interval: 100 };

const { visible, absent, textOf, attributeOf, countOf } = locatorHelpers(WAIT);

/** Where the element is horizontally: wholly on screen, wholly off it, or (sliding) in between. */
async function placement(page: Page, locator: Locator): Promise<'on' | 'off' | 'partly'> {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  if (!box || box.x + box.width <= 0 || box.x >= width) return 'off';
  return box.x >= 0 && box.x + box.width <= width ? 'on' : 'partly';
}

/** The code an authenticator app shows for `secret` during the 30-second time step `step`. */
const totp = (secret: string, step: number) => totpCodeAt(secret, new Date(step * 30_000));

describe('dashboard in a browser', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack({
      dataDirPrefix: 'sendops-browser-',
      startArgs: ['--demo-rate', '1'],
      page: { height: 820, timezoneId: 'Europe/Paris', timeout: 20_000 },
    });
  }, 600_000);

  afterAll(async () => stack?.stop(), 120_000);

  async function signUp(page: Page, name: string, email: string) {
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel(/I agree to the Terms/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
  }

  const sidebar = (page: Page) => page.getByTestId('sidebar-nav');

  it('sign-up, demo workspace, own workspace, invitation, role change, API key, audit log', async () => {
    const owner = await stack.newPage();
    const suffix = Date.now().toString(36);
    const ownerEmail = `ada-${suffix}@example.com`;
    const memberEmail = `grace-${suffix}@example.com`;

    // Signed out, `/` goes to sign-in; the form checks its fields before calling the API.
    await owner.goto('/');
    await owner.waitForURL('**/sign-in');
    await owner.getByRole('link', { name: 'Create an account' }).click();
    await owner.getByRole('button', { name: 'Create account' }).click();
    await visible(owner.getByText('Enter your name.'));
    await visible(owner.getByText('Enter an email address.'));
    await owner.getByLabel('Password').fill('short');
    await visible(owner.getByText('Use at least 8 characters.'));
    await stack.shot(owner, '01-sign-up-validation');

    // Sign-up lands in the demo workspace, where a Viewer sees only what a Viewer may.
    await signUp(owner, 'Ada Lovelace', ownerEmail);
    await textOf(owner.getByTestId('demo-banner')).toMatch('Exploring with sample data');
    await textOf(owner.getByTestId('current-organization')).toMatch(/demo/i);
    await visible(sidebar(owner).getByRole('link', { name: 'Audit Log' }));
    await absent(sidebar(owner).getByRole('link', { name: 'Team' }));
    await stack.shot(owner, '02-demo-workspace');
    // A demo member may leave it from Settings → Workspace (spec: account-settings).
    await sidebar(owner).getByRole('link', { name: 'Settings' }).click();
    await visible(owner.getByRole('button', { name: 'Leave Demo Workspace' }));
    await stack.shot(owner, '02b-demo-settings');

    // "Switch to your workspace" opens the user's own organization, where they are Owner.
    await owner.getByRole('button', { name: 'Switch to your workspace' }).click();
    await waitForLanding(owner, '(?!demo)[^/]+');
    const ownSlug = new URL(owner.url()).pathname.split('/')[2]!;
    await absent(owner.getByTestId('demo-banner'));
    for (const entry of ['Team', 'Audit Log', 'Settings']) {
      await visible(sidebar(owner).getByRole('link', { name: entry }));
    }
    // The landing page is Reports; the Team page is one click away.
    await sidebar(owner).getByRole('link', { name: 'Team' }).click();
    await owner.waitForURL(/\/o\/(?!demo)[^/]+\/team$/);
    await textOf(owner.getByTestId(`member-${ownerEmail}`)).toMatch('Owner');
    await stack.shot(owner, '03-own-workspace-team');

    // New workspaces are on the single-seat Free plan; the operator moves this one to Team so it can invite.
    expect(runCli(['org', 'plan', '--org', ownSlug, '--plan', 'team'], stack.env).status).toBe(0);

    // Invite a member as Org Admin: the row shows a Pending badge.
    await owner.getByRole('button', { name: 'Invite Member' }).click();
    await owner.getByRole('button', { name: 'Send Invite' }).click();
    await visible(owner.getByText('Enter an email address.'));
    await owner.getByLabel('Email address').fill(memberEmail);
    await owner.getByLabel('Role').selectOption('org_admin');
    await stack.shot(owner, '04-invite-dialog');
    await owner.getByRole('button', { name: 'Send Invite' }).click();
    const invitationRow = owner.getByTestId(`invitation-${memberEmail}`);
    await textOf(invitationRow).toMatch('Pending');
    await textOf(invitationRow).toMatch('Org Admin');
    await stack.shot(owner, '05-invitation-pending');

    // The invitee opens the link from the mail while signed out, creates an account and comes back:
    // the invitation is accepted and they land in the organization as Org Admin.
    const outbox = (await (await fetch(`${stack.apiUrl}/api/dev/outbox`)).json()) as {
      items: { to: string; links: string[] }[];
    };
    const mail = outbox.items.find((message) => message.to === memberEmail);
    expect(mail, 'an invitation mail to the member').toBeDefined();
    const link = mail!.links.find((href) => href.includes('/invitations/'));
    expect(link, 'the mail links to the invitation page').toBeDefined();
    const member = await stack.newPage();
    await member.goto(new URL(link!).pathname);
    await visible(member.getByText('Org Admin'));
    await visible(member.getByText(`Ada Lovelace`));
    await stack.shot(member, '06-invitation-signed-out');
    await member.getByRole('link', { name: 'Create an account' }).click();
    await signUp(member, 'Grace Hopper', memberEmail);
    await waitForLanding(member, ownSlug);
    await textOf(member.getByTestId('current-organization')).not.toMatch(/demo/i);
    for (const entry of ['Team', 'Audit Log', 'Settings']) {
      await visible(sidebar(member).getByRole('link', { name: entry }));
    }
    await sidebar(member).getByRole('link', { name: 'Team' }).click();
    await member.waitForURL('**/team');
    await stack.shot(member, '07-member-org-admin');

    // The Owner changes the member's role to Viewer; the member's sidebar loses Team and Settings.
    await owner.reload();
    const memberRow = owner.getByTestId(`member-${memberEmail}`);
    await memberRow.getByRole('button', { name: /Org Admin/ }).click();
    await owner.getByRole('dialog').getByLabel('Role').selectOption('viewer');
    await stack.shot(owner, '08-change-role');
    await owner.getByRole('button', { name: 'Change role' }).click();
    await textOf(memberRow).toMatch('Viewer');
    await member.reload();
    await visible(sidebar(member).getByRole('link', { name: 'Audit Log' }));
    await absent(sidebar(member).getByRole('link', { name: 'Team' }));
    await absent(sidebar(member).getByRole('link', { name: 'Settings' }));
    await visible(member.getByText('You do not have access to this page'));
    await stack.shot(member, '09-member-now-viewer');

    // API key: create (the secret is shown once), see it listed, revoke it.
    await sidebar(owner).getByRole('link', { name: 'Settings' }).click();
    await owner.getByRole('link', { name: 'API Keys' }).click();
    await owner.waitForURL('**/settings/api-keys');
    await owner.getByRole('button', { name: 'Create API key' }).click();
    await owner.getByLabel('Name').fill('CI pipeline');
    await owner.getByRole('button', { name: 'Create key' }).click();
    const secret = owner.getByTestId('api-key-secret');
    await textOf(secret).toMatch(/sk_live_[0-9A-Za-z]{40}/);
    await visible(owner.getByText('only once'));
    await stack.shot(owner, '10-api-key-secret');
    await owner.getByRole('button', { name: 'Done' }).click();
    const keyRow = owner.getByTestId('api-key-CI pipeline');
    await textOf(keyRow).toMatch('sk_live_');
    await textOf(keyRow).toMatch('Never');
    await keyRow.getByRole('button', { name: 'Revoke' }).click();
    await stack.shot(owner, '10b-api-key-revoke-confirm');
    await owner.getByRole('button', { name: 'Revoke key' }).click();
    await visible(owner.getByText('API key "CI pipeline" was revoked.'));
    await absent(keyRow);

    // Settings → Workspace: the Owner's danger zone.
    await owner.getByRole('link', { name: 'Workspace' }).click();
    await visible(owner.getByRole('button', { name: 'Transfer Ownership' }));
    await visible(owner.getByRole('button', { name: 'Delete workspace' }));
    await stack.shot(owner, '10c-workspace-settings');

    // Every action is in the audit log, newest first, with the actor; filters narrow it down.
    await sidebar(owner).getByRole('link', { name: 'Audit Log' }).click();
    const audit = owner.getByTestId('audit-table');
    await textOf(audit).toMatch(`Invited ${memberEmail} as Org Admin`);
    await textOf(audit).toMatch('accepted the invitation and joined as Org Admin');
    await textOf(audit).toMatch('changed from Org Admin to Viewer');
    await textOf(audit).toMatch('API key "CI pipeline"');
    await textOf(audit).toMatch('revoked');
    await textOf(owner.getByTestId('chain-status')).toMatch('Chain verified');
    await stack.shot(owner, '11-audit-log');
    await owner.getByLabel('Resource type').selectOption('api_key');
    await countOf(audit.locator('tbody tr')).toBe(2);
    await owner.getByLabel('Operation').selectOption('revoked');
    await countOf(audit.locator('tbody tr')).toBe(1);
    await audit.locator('tbody tr').first().click();
    await visible(owner.getByTestId('audit-details'));
    await stack.shot(owner, '12-audit-log-filtered');
  }, 300_000);

  it('MFA: authenticator app with recovery codes, then sign-in with a recovery code and with a code', async () => {
    const page = await stack.newPage();
    const email = `mary-${Date.now().toString(36)}@example.com`;
    await page.goto('/sign-up');
    await signUp(page, 'Mary Jackson', email);
    await visible(page.getByTestId('demo-banner'));
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await page.waitForURL('**/profile');

    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByRole('img', { name: /QR code/ }));
    await dialog.getByRole('button', { name: 'Enter code manually' }).click();
    const secret = (await dialog.locator('.secret-box code').textContent())!.trim();
    await stack.shot(page, '20-totp-setup');
    await dialog.getByRole('button', { name: 'Verify' }).click();
    await visible(dialog.getByText('Enter the 6-digit code from your authenticator app.'));
    // Enrol with the current step; the sign-in below uses the next one (inside the accepted window, not a replay).
    const step = Math.floor(Date.now() / 30_000);
    await dialog.getByLabel('6-digit code').fill(totp(secret, step));
    await dialog.getByLabel('Name').fill('Work phone');
    await dialog.getByRole('button', { name: 'Verify' }).click();
    const codes = page.getByTestId('recovery-codes');
    await visible(codes);
    const recoveryCodes = (await codes.locator('span').allTextContents()).map((code) => code.trim());
    expect(recoveryCodes).toHaveLength(10);
    await stack.shot(page, '21-recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await textOf(page.locator('#mfa')).toMatch('Work phone');
    await textOf(page.locator('#mfa')).toMatch('Enabled');
    // Its actions menu: Rename closes the menu and opens the dialog; the new name shows in the list.
    await page.getByRole('button', { name: 'Actions for Work phone' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    await absent(page.getByRole('menu'));
    await page.getByRole('dialog').getByLabel('Name').fill('Work phone (Pixel)');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await textOf(page.locator('#mfa')).toMatch('Work phone (Pixel)');

    const signInWith = async (method: 'Recovery code' | 'Authenticator app', code: string) => {
      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await visible(page.getByText("Verify it's you"));
      await page
        .getByRole('group', { name: 'Verification method' })
        .getByRole('button', { name: method })
        .click();
      await page.getByLabel(method === 'Recovery code' ? 'Recovery code' : 'Authentication code').fill(code);
      if (method === 'Recovery code') await stack.shot(page, '22-mfa-sign-in-recovery-code');
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL(/\/o\//);
      await visible(sidebar(page));
    };
    await signInWith('Recovery code', recoveryCodes[0]!);
    await signInWith('Authenticator app', totp(secret, step + 1));
  }, 240_000);

  it('dark theme from the profile, and a phone-sized screen with the menu', async () => {
    const page = await stack.newPage();
    await page.goto('/sign-up');
    await signUp(page, 'Katherine Johnson', `katherine-${Date.now().toString(36)}@example.com`);
    await visible(page.getByTestId('demo-banner'));
    await page.getByRole('button', { name: 'Switch to your workspace' }).click();
    // The demo workspace lands on reports/messages too: wait for the user's own workspace and its shell.
    await waitForLanding(page, '(?!demo)[^/]+');
    await absent(page.getByTestId('demo-banner'));
    await visible(page.getByRole('toolbar', { name: 'Report filters' }));

    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await page.waitForURL('**/profile');
    await stack.shot(page, '13-profile-light');
    await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }).click();
    await attributeOf(page.locator('html'), 'data-theme').toBe('dark');
    // The choice is the user's setting, so it survives a reload.
    await page.reload();
    await attributeOf(
      page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }),
      'aria-pressed',
    ).toBe('true');
    await attributeOf(page.locator('html'), 'data-theme').toBe('dark');
    await stack.shot(page, '14-profile-dark');
    await page.getByRole('link', { name: 'Team' }).click();
    await visible(page.getByTestId('members-table'));
    await stack.shot(page, '15-team-dark');

    // Phone: the sidebar is hidden behind the menu button.
    await page.setViewportSize({ width: 390, height: 844 });
    await visible(page.getByRole('button', { name: 'Open menu' }));
    const auditLink = sidebar(page).getByRole('link', { name: 'Audit Log' });
    await expect.poll(() => placement(page, auditLink), WAIT).toBe('off');
    await stack.shot(page, '16-phone-team-dark');
    await page.getByRole('button', { name: 'Open menu' }).click();
    await expect.poll(() => placement(page, auditLink), WAIT).toBe('on');
    await stack.shot(page, '17-phone-menu-open');
    await auditLink.click();
    await page.waitForURL('**/audit-log');
    await expect.poll(() => placement(page, auditLink), WAIT).toBe('off');
    await textOf(page.getByTestId('audit-table')).toMatch('created');
    await stack.shot(page, '18-phone-audit-log');

    // Back to light.
    await page.goto(page.url().replace(/audit-log$/, 'profile'));
    await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Light' }).click();
    await attributeOf(page.locator('html'), 'data-theme').toBe('light');
    await stack.shot(page, '19-phone-profile-light');
  }, 240_000);
});
