// Billing → SES Costs and the Reports section's shared controls in Debian's Chromium against a real
// `sendops start` (demo history backfilled in the background): a Viewer of the demo workspace has
// Reports but no Billing, and the SES Costs page refuses them; the same person as Financial sees the
// projection, the trend and the channel breakdown, toggles the free tier and exports CSV by month.
// Desktop, dark and phone screenshots land in screenshots/ for a person to look at.
import { readFile } from 'node:fs/promises';
import { createDatabase } from '@sendops/db';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunningState } from '../../src/runtime-state.ts';
import { type BrowserStack, locatorHelpers, REPORT_PAGE, startBrowserStack } from './browser-stack.ts';

const WAIT = { timeout: 120_000, interval: 500 };

const { visible, countOf } = locatorHelpers(WAIT, 60_000);

describe('Billing → SES Costs and the report controls in a browser', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack({
      dataDirPrefix: 'sendops-browser-costs-',
      startArgs: ['--demo-rate', '5'],
      page: REPORT_PAGE,
      fullPage: true,
    });
  }, 600_000);

  afterAll(async () => stack?.stop(), 120_000);

  const sidebar = (page: Page) => page.getByTestId('sidebar-nav');

  async function setRole(email: string, slug: string, role: string) {
    const state = readRunningState(stack.dataDir);
    expect(state, 'runtime.json of the running start').toBeDefined();
    const db = createDatabase(state!.postgresUrl, { poolMax: 1 });
    try {
      await sql`update memberships set role = ${role}
                where user_id = (select id from users where email = ${email})
                  and organization_id = (select id from organizations where slug = ${slug})`.execute(db);
    } finally {
      await db.destroy();
    }
  }

  it('a Viewer has Reports but not SES Costs; as Financial they see and export the estimates', async () => {
    const page = await stack.newPage();
    const email = `fran-${Date.now().toString(36)}@example.com`;
    await page.goto('/sign-up');
    await page.getByLabel('Full name').fill('Fran Finance');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel(/I agree to the Terms/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    // The landing page is the first Reports tab, in the demo workspace.
    await page.waitForURL(/\/o\/[^/]+\/reports\/messages/);
    const demoSlug = new URL(page.url()).pathname.split('/')[2]!;

    // Shared report controls: presets change the URL, tabs keep the filter.
    await visible(page.getByRole('toolbar', { name: 'Report filters' }));
    await page.getByRole('button', { name: /^Date range:/ }).click();
    await page.getByRole('menuitemradio', { name: 'Last 30 days' }).click();
    await page.waitForURL(/range=last_30_days/);
    const channel = page.getByRole('toolbar', { name: 'Report filters' }).locator('select');
    await countOf(channel.locator('option')).toBeGreaterThan(1);
    await page.getByRole('link', { name: 'Deliverability', exact: true }).click();
    await page.waitForURL(/\/reports\/deliverability\?.*range=last_30_days/);
    await page.getByRole('button', { name: /^Date range:/ }).click();
    await visible(page.getByRole('group', { name: 'Custom range' }));
    await stack.shot(page, 'costs-01-report-controls', false);
    await page.keyboard.press('Escape');

    // Viewer: no Billing entry, and the page itself says no.
    await visible(sidebar(page).getByRole('link', { name: 'Reports' }));
    await countOf(sidebar(page).getByRole('link', { name: 'Billing' })).toBe(0);
    await page.goto(`/o/${demoSlug}/billing/ses-costs`);
    await visible(page.getByText('You do not have access to this page'));
    await countOf(page.getByTestId('kpi-month-to-date')).toBe(0);
    await stack.shot(page, 'costs-02-viewer-refused');

    // Financial: the page, with the demo history in it (the backfill runs in the background).
    await setRole(email, demoSlug, 'financial');
    await page.goto(`/o/${demoSlug}/reports/messages`);
    await sidebar(page).getByRole('link', { name: 'Billing' }).click();
    await page.waitForURL(/\/billing\/ses-costs$/);
    await visible(page.getByTestId('kpi-month-to-date'));
    await visible(page.getByText('Rate card 2025-01'));
    await page.getByRole('button', { name: '3 months' }).click();
    await page.waitForURL(/months=3/);
    await expect
      .poll(
        async () => {
          await page.reload();
          await visible(page.locator('table, .empty'));
          return page.locator('tbody tr').count();
        },
        { timeout: 240_000, interval: 5_000 },
      )
      .toBeGreaterThan(1);
    await visible(
      page.getByRole('img', { name: 'Estimated SES cost per month' }).locator('.recharts-line-curve'),
    );
    await stack.shot(page, 'costs-03-financial');

    // The free tier toggle changes the figures' basis (the demo sends far under 62,000 a month: $0 with it).
    const monthToDate = page.getByTestId('kpi-month-to-date').locator('.kpi-value');
    await expect.poll(() => monthToDate.textContent(), WAIT).toBe('$0.00');
    await page.getByLabel('EC2 free tier').click();
    await page.waitForURL(/freeTier=off/);
    await expect.poll(() => monthToDate.textContent(), WAIT).not.toBe('$0.00');

    // CSV by month: header and one row per month of the selected range.
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'By Month' }).click(),
    ]);
    const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('year,month,send_count,billable_send_count,estimated_cost_usd');
    expect(lines).toHaveLength(4);

    // Dark theme and phone width.
    const dark = await stack.newPage({ colorScheme: 'dark' });
    await dark.context().addCookies(await page.context().cookies());
    await dark.goto(`/o/${demoSlug}/billing/ses-costs`);
    await visible(
      dark.getByRole('img', { name: 'Estimated SES cost per month' }).locator('.recharts-line-curve'),
    );
    await stack.shot(dark, 'costs-04-dark');

    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`/o/${demoSlug}/billing/ses-costs`);
    await visible(phone.getByTestId('kpi-progress'));
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await stack.shot(phone, 'costs-05-phone');
    await phone.goto(`/o/${demoSlug}/reports/messages`);
    await visible(phone.getByRole('toolbar', { name: 'Report filters' }));
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await stack.shot(phone, 'costs-06-phone-report-controls', false);
  }, 600_000);
});
