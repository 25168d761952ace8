// The Messages tab in Debian's Chromium against a real `sendops start` with the simulated demo stream:
// a Viewer opens a message from the list and sees its timeline, reads the Event Log; promoted to
// Customer Support the same person finds a recipient and exports the view as CSV, whose rows match.
// Desktop, dark and phone screenshots land in screenshots/ for a person to look at.
import { readFile } from 'node:fs/promises';
import { createDatabase } from '@sendops/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunningState } from '../../src/runtime-state.ts';
import { type BrowserStack, locatorHelpers, REPORT_PAGE, startBrowserStack } from './browser-stack.ts';

const WAIT = { timeout: 90_000, interval: 250 };

const { visible, countOf } = locatorHelpers(WAIT, 90_000);

describe('Reports → Messages in a browser', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    // A brisk demo stream so the list fills within seconds.
    stack = await startBrowserStack({
      dataDirPrefix: 'sendops-browser-messages-',
      startArgs: ['--demo-rate', '25'],
      page: REPORT_PAGE,
      fullPage: false,
    });
  }, 600_000);

  afterAll(async () => stack?.stop(), 120_000);

  it('open a message and see its timeline; Customer Support finds a recipient and exports CSV', async () => {
    const page = await stack.newPage();
    const email = `casey-${Date.now().toString(36)}@example.com`;
    await page.goto('/sign-up');
    await page.getByLabel('Full name').fill('Casey Support');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel(/I agree to the Terms/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/o\/[^/]+\//);
    const demoSlug = new URL(page.url()).pathname.split('/')[2]!;

    // A Viewer of the demo workspace: the list fills from the live stream, no recipient search.
    await page.goto(`/o/${demoSlug}/reports/messages`);
    const rows = page.getByTestId('messages-table').locator('tbody tr');
    await countOf(rows).toBeGreaterThan(3);
    expect(await page.getByLabel('Recipient', { exact: true }).count()).toBe(0);
    await stack.shot(page, 'messages-01-list');

    // Open a message from the list: the side panel shows its timeline, starting with Send (or Reject).
    // The oldest row of the page: the demo stream posts a message's events concurrently, so the newest
    // message may still lack its Send for a moment (the panel loads its timeline once).
    await rows.last().click();
    const panel = page.getByTestId('message-detail');
    await visible(panel.getByTestId('message-timeline'));
    const firstEvent = panel.getByTestId('message-timeline').locator('li').first();
    await expect.poll(() => firstEvent.getAttribute('data-type'), WAIT).toMatch(/^(Send|Reject)$/);
    await visible(panel.getByRole('heading', { name: 'Headers', exact: true }));
    await stack.shot(page, 'messages-02-detail');
    await page.keyboard.press('Escape');
    await countOf(panel).toBe(0);

    // The Event Log sub-tab: the raw stream.
    await page.getByRole('tab', { name: 'Event Log' }).click();
    await countOf(page.getByTestId('event-log-table').locator('tbody tr')).toBeGreaterThan(3);
    await stack.shot(page, 'messages-03-event-log');

    // Promoted to Customer Support (as an Org Admin would in Team; the demo workspace has no Team page).
    const state = readRunningState(stack.dataDir);
    expect(state, 'runtime.json of the running start').toBeDefined();
    const db = createDatabase(state!.postgresUrl, { poolMax: 1 });
    try {
      await sql`update memberships set role = 'customer_support'
                where user_id = (select id from users where email = ${email})
                  and organization_id = (select id from organizations where slug = ${demoSlug})`.execute(db);
    } finally {
      await db.destroy();
    }

    await page.goto(`/o/${demoSlug}/reports/messages`);
    await countOf(rows).toBeGreaterThan(3);
    const recipient = (await rows.first().locator('td').nth(1).locator('.mono').textContent())!.trim();
    await page.getByLabel('Recipient', { exact: true }).fill(recipient.toUpperCase());
    await expect
      .poll(async () => {
        const cells = await page
          .getByTestId('messages-table')
          .locator('tbody tr td:nth-child(2) .mono')
          .allTextContents();
        return cells.length > 0 && cells.every((cell) => cell.trim() === recipient);
      }, WAIT)
      .toBe(true);
    const shown = await rows.count();
    await stack.shot(page, 'messages-04-recipient-search');

    // Export CSV of this view: the same recipient on every row, as many rows as the list shows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: /Export CSV/ })
        .first()
        .click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'sent_at,recipient,status,subject,from,sending_identity,template,channel_id,latest_event_at,message_id,events',
    );
    expect(lines.length - 1).toBeGreaterThanOrEqual(shown);
    expect(lines.slice(1).every((line) => line.split(',')[1] === recipient)).toBe(true);

    // Dark theme and phone width.
    const dark = await stack.newPage({ colorScheme: 'dark' });
    await dark.context().addCookies(await page.context().cookies());
    await dark.goto(`/o/${demoSlug}/reports/messages`);
    await countOf(dark.getByTestId('messages-table').locator('tbody tr')).toBeGreaterThan(3);
    await dark.getByTestId('messages-table').locator('tbody tr').first().click();
    await visible(dark.getByTestId('message-timeline'));
    await stack.shot(dark, 'messages-05-detail-dark');

    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`/o/${demoSlug}/reports/messages`);
    const phoneRows = phone.getByTestId('messages-table').locator('tbody tr');
    await countOf(phoneRows).toBeGreaterThan(3);
    // Nothing wider than the screen.
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phoneRows.first().scrollIntoViewIfNeeded();
    await stack.shot(phone, 'messages-06-phone-list');
    await phoneRows.first().click();
    await visible(phone.getByTestId('message-timeline'));
    await stack.shot(phone, 'messages-07-phone-detail');
    // The Suppression List is a section of the Deliverability tab.
    await phone.goto(`/o/${demoSlug}/reports/deliverability`);
    const suppressions = phone.getByTestId('suppression-list');
    // Loaded: the table, or the empty state when the stream has not bounced anyone yet.
    await visible(suppressions.locator('table, .empty'));
    await suppressions.scrollIntoViewIfNeeded();
    await stack.shot(phone, 'messages-08-phone-suppressions');
  }, 300_000);
});
