// The Undeliverable list and Classification Rules pages in Debian's Chromium against a real `sendops
// start`: SES bounces posted to the ingest URL for the user's own workspace; a knob changes the live
// preview, Save lists the address the new rule catches and writes the audit entry; Allow with a note
// moves an address to Excluded and a new bounce puts it back to Listed. Desktop and phone screenshots
// land in screenshots/ for a person to look at.
import { randomUUID } from 'node:crypto';
import { addIdentity, createDatabase, listOrganizations, rotateIngestApiKey } from '@sendops/db';
import { DETAIL_TYPES, type EventBridgeEnvelope } from '@sendops/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunningState } from '../../src/runtime-state.ts';
import { runCli } from '../cli-process.ts';
import {
  type BrowserStack,
  locatorHelpers,
  type PageOptions,
  startBrowserStack,
  waitForLanding,
} from './browser-stack.ts';

const WAIT = { timeout: 60_000, interval: 250 };
const DOMAIN = 'undeliverable-test.example';

const { visible, textOf } = locatorHelpers(WAIT, 60_000);

type BounceKind = {
  bounceType: 'Permanent' | 'Transient';
  bounceSubType: string;
  status: string;
  code: string;
};
const USER_UNKNOWN: BounceKind = {
  bounceType: 'Permanent',
  bounceSubType: 'NoEmail',
  status: '5.1.1',
  code: 'smtp; 550 5.1.1 <user>: Recipient address rejected: User unknown',
};
const ACCEPT_THEN_NDR: BounceKind = {
  bounceType: 'Transient',
  bounceSubType: 'General',
  status: '4.0.0',
  code: 'smtp; 450 4.0.0 Message rejected after acceptance (policy)',
};

/** An SES Bounce as EventBridge delivers it, sent from the workspace's managed domain. */
function bounceEnvelope(recipient: string, kind: BounceKind, at: Date): EventBridgeEnvelope {
  const iso = at.toISOString();
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': DETAIL_TYPES.Bounce,
    source: 'aws.ses',
    account: '123456789012',
    time: `${iso.slice(0, 19)}Z`,
    region: 'us-east-1',
    resources: ['arn:aws:ses:us-east-1:123456789012:configuration-set/sendops-events'],
    detail: {
      eventType: 'Bounce',
      mail: {
        timestamp: new Date(at.getTime() - 2_000).toISOString(),
        source: `Billing <billing@${DOMAIN}>`,
        sourceArn: `arn:aws:ses:us-east-1:123456789012:identity/${DOMAIN}`,
        sendingAccountId: '123456789012',
        messageId: `0100${randomUUID().replace(/-/g, '')}-000000`,
        destination: [recipient],
        headersTruncated: false,
        commonHeaders: {
          from: [`billing@${DOMAIN}`],
          to: [recipient],
          messageId: randomUUID(),
          subject: 'Invoice',
        },
        tags: { 'ses:configuration-set': ['sendops-events'] },
      },
      bounce: {
        feedbackId: randomUUID(),
        bounceType: kind.bounceType,
        bounceSubType: kind.bounceSubType,
        bouncedRecipients: [
          { emailAddress: recipient, action: 'failed', status: kind.status, diagnosticCode: kind.code },
        ],
        timestamp: iso,
        reportingMTA: 'dns; a8-1.smtp-out.amazonses.com',
      },
    },
  };
}

describe('Undeliverable list and classification rules in a browser', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack({
      dataDirPrefix: 'sendops-browser-undeliverable-',
      startArgs: ['--demo-rate', '1', '--no-demo-history'],
      page: { height: 900, timezoneId: 'Europe/Paris', timeout: 30_000 },
    });
  }, 600_000);

  afterAll(async () => stack?.stop(), 120_000);

  async function newPage(options: PageOptions = {}) {
    const page = await stack.newPage(options);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return page;
  }

  /**
   * The signed-up user's own workspace gets a managed domain and a fresh ingest key, as an operator
   * would set it up; the key is what the CloudFormation stack's webhook would send.
   */
  async function ingestKeyFor(slug: string): Promise<string> {
    const state = readRunningState(stack.dataDir);
    if (!state) throw new Error('sendops start recorded no runtime state');
    const db = createDatabase(state.postgresUrl, { poolMax: 1 });
    try {
      const organization = (await listOrganizations(db)).find((o) => o.slug === slug);
      if (!organization) throw new Error(`no organization ${slug}`);
      await addIdentity(db, { organizationId: organization.id, kind: 'domain', value: DOMAIN });
      return await rotateIngestApiKey(db, organization.id);
    } finally {
      await db.destroy();
    }
  }

  async function post(apiKey: string, envelopes: EventBridgeEnvelope[]) {
    for (const envelope of envelopes) {
      const response = await fetch(stack.ingestUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify(envelope),
      });
      expect(response.status, await response.text()).toBeLessThan(300);
    }
  }

  it('a knob changes the preview, Save lists the new address; Allow, Excluded, a new bounce lists it again; a Viewer cannot Allow', async () => {
    const page = await newPage();
    const suffix = Date.now().toString(36);
    await page.goto('/sign-up');
    await page.getByLabel('Full name').fill('Uma Undeliverable');
    await page.getByLabel('Email').fill(`uma-${suffix}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel(/I agree to the Terms/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Switch to your workspace' }).click();
    await waitForLanding(page, '(?!demo)[^/]+', 'reports/messages', 60_000);
    const slug = new URL(page.url()).pathname.split('/')[2]!;

    // A new workspace: the empty state says what the page is for.
    await page.getByTestId('sidebar-nav').getByRole('link', { name: 'Undeliverable' }).click();
    await page.waitForURL(`**/o/${slug}/undeliverable`);
    await textOf(page.getByTestId('undeliverable-empty')).toMatch('stop mailing');
    await stack.shot(page, 'undeliverable-01-empty');

    // One hard bounce (listed by a locked rule) and two accept-then-NDR bounces (under Standard's 3 in
    // 30 days, not yet listed).
    const apiKey = await ingestKeyFor(slug);
    const dead = `gone-${suffix}@customer.example`;
    const flaky = `ndr-${suffix}@mimecast-customer.example`;
    const now = Date.now();
    await post(apiKey, [
      bounceEnvelope(dead, USER_UNKNOWN, new Date(now - 60 * 60_000)),
      bounceEnvelope(flaky, ACCEPT_THEN_NDR, new Date(now - 3 * 60 * 60_000)),
      bounceEnvelope(flaky, ACCEPT_THEN_NDR, new Date(now - 2 * 60 * 60_000)),
    ]);
    const row = (address: string) => page.getByTestId(`undeliverable-${address}`);
    await expect
      .poll(
        async () => {
          await page.reload();
          await visible(page.getByTestId('undeliverable-list').locator('table, .empty'));
          return row(dead).count();
        },
        { timeout: 120_000, interval: 2_000 },
      )
      .toBe(1);
    await textOf(row(dead)).toMatch('permanent bounce · NoEmail');
    await textOf(row(dead)).toMatch('550 5.1.1');
    expect(await row(flaky).count()).toBe(0);

    // The event history behind the address, in the side panel.
    await row(dead).getByRole('button', { name: dead }).click();
    const history = page.getByTestId('undeliverable-history');
    await textOf(history).toMatch('NoEmail');
    await stack.shot(page, 'undeliverable-02-history');
    await history.getByRole('button', { name: 'Close' }).click();

    // Rules: Standard by default; two events in the window catches the second address in the preview.
    await page.getByRole('link', { name: 'Configure rules' }).click();
    await page.waitForURL(`**/o/${slug}/undeliverable/rules`);
    await expect
      .poll(() => page.getByRole('button', { name: /^Standard/ }).getAttribute('aria-pressed'), WAIT)
      .toBe('true');
    await textOf(page.getByTestId('preview-current')).toBe('1');
    await textOf(page.getByTestId('preview-candidate')).toBe('1');
    const repeated = page.getByTestId('rule-repeated_transient');
    await repeated.getByLabel('Events', { exact: true }).fill('0');
    await visible(repeated.getByText('Events must be from 1 to 100.'));
    await repeated.getByLabel('Events', { exact: true }).fill('2');
    await textOf(page.getByTestId('preview-candidate')).toBe('2');
    await textOf(page.getByTestId('preview-delta')).toMatch('+1');
    await textOf(page.getByTestId('preview-samples')).toMatch(flaky);
    await expect
      .poll(() => page.getByTestId('profile-custom').getAttribute('data-active'), WAIT)
      .toBe('true');
    await stack.shot(page, 'undeliverable-03-rules-preview');

    // Picking a preset with unsaved edits asks first; cancelling keeps the edits.
    await page.getByRole('button', { name: /^Aggressive/ }).click();
    await visible(page.getByRole('dialog').getByText('Discard your unsaved changes?'));
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await repeated.getByLabel('Events', { exact: true }).inputValue()).toBe('2');

    const versionBefore = (await page.getByTestId('rules-version').textContent())?.trim();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await textOf(page.getByRole('status')).toMatch(/Rules saved\. Version [0-9a-f]{6}\./);
    const version = (await page.getByTestId('rules-version').textContent())?.trim();
    expect(version).toMatch(/^[0-9a-f]{6}$/);
    expect(version).not.toBe(versionBefore);

    // The list now holds the address the new rule catches.
    await page.getByRole('link', { name: 'Undeliverable list' }).click();
    await textOf(row(flaky)).toMatch(/repeated.transient/);

    // The audit log has the save, with the version.
    await page.getByTestId('sidebar-nav').getByRole('link', { name: 'Audit Log' }).click();
    await textOf(page.locator('body')).toMatch(`Classification rules saved (custom, version ${version})`);

    // Allow the hard-bounced address with a note: it leaves the default view and shows under Excluded.
    await page.goto(`/o/${slug}/undeliverable`);
    await row(dead).getByRole('button', { name: 'Allow' }).click();
    await page
      .getByRole('dialog')
      .getByLabel('Note (optional)')
      .fill('Customer fixed mailbox after IT migration');
    await stack.shot(page, 'undeliverable-04-allow-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => row(dead).count(), WAIT).toBe(0);
    await page.getByLabel('Status').selectOption('excluded');
    await page.waitForURL(/status=excluded/);
    await textOf(row(dead)).toMatch('Excluded');
    await textOf(row(dead)).toMatch('Customer fixed mailbox after IT migration');
    await stack.shot(page, 'undeliverable-05-excluded');

    // A new hard bounce after the clearing puts it back to Listed by itself. (Envelope times have
    // second precision: the bounce is stamped a second after the clearing.)
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await post(apiKey, [bounceEnvelope(dead, USER_UNKNOWN, new Date())]);
    await expect
      .poll(
        async () => {
          // The default view: Listed.
          await page.goto(`/o/${slug}/undeliverable`);
          await visible(page.getByTestId('undeliverable-list').locator('table, .empty'));
          return (await row(dead).count()) === 1 ? row(dead).textContent() : '';
        },
        { timeout: 120_000, interval: 2_000 },
      )
      .toMatch('Listed');
    await stack.shot(page, 'undeliverable-06-listed-again');

    // Search composes with the status filter and lives in the URL.
    await page.getByLabel('Search email').fill('mimecast');
    await page.waitForURL(/q=mimecast/);
    await expect.poll(() => row(dead).count(), WAIT).toBe(0);
    await textOf(row(flaky)).toMatch('Listed');

    // A phone: the list folds, the rules stack.
    const phone = await newPage({ width: 390, height: 844 });
    for (const cookie of await page.context().cookies()) await phone.context().addCookies([cookie]);
    await phone.goto(`/o/${slug}/undeliverable?status=all`);
    await textOf(phone.getByTestId(`undeliverable-${dead}`)).toMatch('Listed');
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await stack.shot(phone, 'undeliverable-07-phone-list');
    await phone.goto(`/o/${slug}/undeliverable/rules`);
    await visible(phone.getByTestId('preview-current'));
    await stack.shot(phone, 'undeliverable-08-phone-rules');

    // A Viewer of the same workspace sees the list, with Allow disabled and the reason as its tooltip.
    expect(runCli(['org', 'plan', '--org', slug, '--plan', 'team'], stack.env).status).toBe(0);
    const viewerEmail = `val-${suffix}@example.com`;
    await page.goto(`/o/${slug}/team`);
    await page.getByRole('button', { name: 'Invite Member' }).click();
    await page.getByLabel('Email address').fill(viewerEmail);
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Send Invite' }).click();
    await textOf(page.getByTestId(`invitation-${viewerEmail}`)).toMatch('Pending');
    const outbox = (await (await fetch(`${stack.apiUrl}/api/dev/outbox`)).json()) as {
      items: { to: string; links: string[] }[];
    };
    const link = outbox.items
      .find((mail) => mail.to === viewerEmail)
      ?.links.find((href) => href.includes('/invitations/'));
    expect(link, 'an invitation link for the viewer').toBeDefined();
    const viewer = await newPage();
    await viewer.goto(new URL(link!).pathname);
    await viewer.getByRole('link', { name: 'Create an account' }).click();
    await viewer.getByLabel('Full name').fill('Val Viewer');
    await viewer.getByLabel('Email').fill(viewerEmail);
    await viewer.getByLabel('Password').fill('correct horse battery');
    await viewer.getByLabel(/I agree to the Terms/).check();
    await viewer.getByRole('button', { name: 'Create account' }).click();
    await viewer.waitForURL(new RegExp(`/o/${slug}/`));
    await viewer.goto(`/o/${slug}/undeliverable`);
    const allow = viewer.getByTestId(`undeliverable-${dead}`).getByRole('button', { name: 'Allow' });
    await visible(allow);
    expect(await allow.isDisabled()).toBe(true);
    expect(await allow.getAttribute('title')).toMatch('undeliverable.manage');
    await stack.shot(viewer, 'undeliverable-10-viewer-list');
  }, 600_000);

  it('a Viewer (demo workspace) sees the rules read-only with a banner and the locked rules', async () => {
    const page = await newPage();
    await page.goto('/sign-up');
    await page.getByLabel('Full name').fill('Vic Viewer');
    await page.getByLabel('Email').fill(`vic-${Date.now().toString(36)}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel(/I agree to the Terms/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    // Sign-up lands in the demo workspace, where the user is a Viewer.
    await textOf(page.getByTestId('demo-banner')).toMatch('Exploring with sample data');
    const demoSlug = new URL(page.url()).pathname.split('/')[2]!;
    await page.goto(`/o/${demoSlug}/undeliverable/rules`);
    await textOf(page.getByTestId('rules-view-only')).toMatch('undeliverable.configure');
    expect(await page.getByRole('button', { name: 'Save rules' }).isDisabled()).toBe(true);
    expect(
      await page.getByTestId('rule-repeated_transient').getByLabel('Events', { exact: true }).isDisabled(),
    ).toBe(true);
    await visible(page.getByTestId('locked-complaint'));
    await stack.shot(page, 'undeliverable-09-viewer-rules');
  }, 300_000);
});
