// The Messages tab in Debian's Chromium against a real `sendops start` with the simulated demo stream:
// a Viewer opens a message from the list and sees its timeline, reads the Event Log; promoted to
// Customer Support the same person finds a recipient and exports the view as CSV, whose rows match.
// Desktop, dark and phone screenshots land in screenshots/ for a person to look at.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, findFreePort } from '@sendops/db';
import { sql } from 'kysely';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunningState } from '../../src/runtime-state.ts';
import { type RunningCli, startCli } from '../cli-process.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../../screenshots');
const WAIT = { timeout: 90_000, interval: 250 };

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 90_000 });
const countOf = (locator: Locator) => expect.poll(() => locator.count(), WAIT);

describe('Reports → Messages in a browser', () => {
  let dataDir: string;
  let sendops: RunningCli;
  let webUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
    await mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await mkdtemp(path.join(tmpdir(), 'sendops-browser-messages-'));
    const webPort = await findFreePort();
    const env = {
      SENDOPS_DATA_DIR: dataDir,
      SENDOPS_WEB_PORT: String(webPort),
      SENDOPS_API_PORT: String(await findFreePort()),
      SENDOPS_INGEST_PORT: String(await findFreePort()),
      SENDOPS_EMBEDDED_PG_PORT: String(await findFreePort()),
      SENDOPS_PUBLIC_URL: `http://127.0.0.1:${webPort}`,
    };
    // A brisk demo stream so the list fills within seconds.
    sendops = startCli(['start', '--demo-rate', '25'], env);
    webUrl = (await sendops.waitFor(/dashboard\s+(http\S+)/, 600_000))[1]!;
    await sendops.waitFor(/^ready$/m, 600_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-gpu',
        '--disable-component-update',
      ],
    });
  }, 600_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await sendops?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  async function newPage(options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {}) {
    const context = await browser.newContext({
      baseURL: webUrl,
      viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
      colorScheme: options.colorScheme ?? 'light',
      timezoneId: 'Europe/Paris',
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(90_000);
    page.setDefaultNavigationTimeout(120_000);
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });

  it('open a message and see its timeline; Customer Support finds a recipient and exports CSV', async () => {
    const page = await newPage();
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
    await shot(page, 'messages-01-list');

    // Open a message from the list: the side panel shows its timeline, starting with Send (or Reject).
    await rows.first().click();
    const panel = page.getByTestId('message-detail');
    await visible(panel.getByTestId('message-timeline'));
    const firstEvent = panel.getByTestId('message-timeline').locator('li').first();
    await expect.poll(() => firstEvent.getAttribute('data-type'), WAIT).toMatch(/^(Send|Reject)$/);
    await visible(panel.getByRole('heading', { name: 'Headers', exact: true }));
    await shot(page, 'messages-02-detail');
    await page.keyboard.press('Escape');
    await countOf(panel).toBe(0);

    // The Event Log sub-tab: the raw stream.
    await page.getByRole('tab', { name: 'Event Log' }).click();
    await countOf(page.getByTestId('event-log-table').locator('tbody tr')).toBeGreaterThan(3);
    await shot(page, 'messages-03-event-log');

    // Promoted to Customer Support (as an Org Admin would in Team; the demo workspace has no Team page).
    const state = readRunningState(dataDir);
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
    await shot(page, 'messages-04-recipient-search');

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
    const dark = await newPage({ colorScheme: 'dark' });
    await dark.context().addCookies(await page.context().cookies());
    await dark.goto(`/o/${demoSlug}/reports/messages`);
    await countOf(dark.getByTestId('messages-table').locator('tbody tr')).toBeGreaterThan(3);
    await dark.getByTestId('messages-table').locator('tbody tr').first().click();
    await visible(dark.getByTestId('message-timeline'));
    await shot(dark, 'messages-05-detail-dark');

    const phone = await newPage({ width: 390, height: 844 });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`/o/${demoSlug}/reports/messages`);
    const phoneRows = phone.getByTestId('messages-table').locator('tbody tr');
    await countOf(phoneRows).toBeGreaterThan(3);
    // Nothing wider than the screen.
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phoneRows.first().scrollIntoViewIfNeeded();
    await shot(phone, 'messages-06-phone-list');
    await phoneRows.first().click();
    await visible(phone.getByTestId('message-timeline'));
    await shot(phone, 'messages-07-phone-detail');
    // The Suppression List is a section of the Deliverability tab.
    await phone.goto(`/o/${demoSlug}/reports/deliverability`);
    const suppressions = phone.getByTestId('suppression-list');
    // Loaded: the table, or the empty state when the stream has not bounced anyone yet.
    await visible(suppressions.locator('table, .empty'));
    await suppressions.scrollIntoViewIfNeeded();
    await shot(phone, 'messages-08-phone-suppressions');
  }, 300_000);
});
