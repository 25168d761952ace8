// The Deliverability and Engagement tabs in Debian's Chromium against a real `sendops start` with the
// simulated demo stream: every chart of the demo workspace has data; another date range and a channel
// change the figures. Desktop, dark and phone screenshots land in screenshots/ for a person to look at.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserStack, locatorHelpers, startBrowserStack } from './browser-stack.ts';

const WAIT = { timeout: 90_000, interval: 500 };

const { visible, countOf } = locatorHelpers(WAIT, 90_000);
const textOf = async (locator: Locator) => ((await locator.first().textContent()) ?? '').trim();

describe('Reports → Deliverability and Engagement in a browser', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    // A brisk demo stream so bounces, complaints, opens and clicks occur within the first minutes. No
    // 90-day history: yesterday must stay empty (the backfill would reach it while the test runs).
    stack = await startBrowserStack({
      dataDirPrefix: 'sendops-browser-deliverability-',
      startArgs: ['--demo-rate', '50', '--no-demo-history'],
      page: { height: 900, timezoneId: 'America/New_York', timeout: 30_000 },
      fullPage: true,
    });
  }, 600_000);

  afterAll(async () => stack?.stop(), 120_000);

  /** Every chart card has a drawn chart (an SVG path), not its empty state. */
  async function chartsDrawn(page: Page, ids: string[]) {
    for (const id of ids) {
      await countOf(page.getByTestId(id).locator('.recharts-surface')).toBeGreaterThan(0);
    }
  }

  it('every chart has data; a date range and a channel change the figures', async () => {
    const page = await stack.newPage();
    // Browser errors end up in the test output, so a failing chart says why.
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) console.error(`${response.status()} from ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`console: ${message.text()}`);
    });
    await page.goto('/sign-up');
    await page.getByLabel('Full name').fill('Dana Deliverability');
    await page.getByLabel('Email').fill(`dana-${Date.now().toString(36)}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel(/I agree to the Terms/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/o\/[^/]+\//, { timeout: 120_000 });
    const demoSlug = new URL(page.url()).pathname.split('/')[2]!;

    // Today's live traffic: wait until the stream has produced bounces and deliveries.
    const deliverability = `/o/${demoSlug}/reports/deliverability?range=today`;
    await expect
      .poll(
        async () => {
          await page.goto(deliverability);
          await visible(page.getByTestId('provider-table'));
          return page.getByTestId('bounce-reasons').locator('.recharts-bar-rectangle').count();
        },
        { timeout: 300_000, interval: 5_000 },
      )
      .toBeGreaterThan(0);
    // Complaints are rare (~0.05% of deliveries): the list, or the empty state that says so.
    await visible(
      page
        .getByTestId('complaint-reasons')
        .locator('.reason-list li')
        .or(page.getByTestId('complaint-reasons').getByText('No complaints in this date range.')),
    );
    await chartsDrawn(page, ['bounce-trend', 'complaint-trend', 'bounce-reasons', 'latency']);
    const providerRows = page.getByTestId('provider-table').locator('tbody tr');
    await countOf(providerRows).toBeGreaterThan(1);
    expect(await textOf(page.getByTestId('kpi-p50').locator('.kpi-value'))).toMatch(/\d/);
    expect(await textOf(page.getByTestId('kpi-reputation').locator('.kpi-value'))).toMatch(/^\d+\/100$/);
    // The SES thresholds are drawn as reference lines.
    await countOf(page.getByTestId('bounce-trend').locator('.recharts-reference-line')).toBe(2);
    await stack.shot(page, 'deliverability-01-desktop');

    // Sorting by provider name keeps Other (when present) last.
    await page.getByTestId('provider-table').getByRole('button', { name: 'Provider' }).click();
    const names = (await providerRows.locator('td:first-child').allTextContents()).map((t) => t.trim());
    const ranked = names.filter((n) => n !== 'Other');
    expect(ranked).toEqual([...ranked].sort((a, b) => a.localeCompare(b)));
    if (names.includes('Other')) expect(names.at(-1)).toBe('Other');

    // A channel narrows the figures: fewer sends than all channels together.
    const sendsOf = async () =>
      Number(
        (await textOf(page.getByTestId('kpi-hard-bounce').locator('.kpi-sub')))
          .match(/of ([\d,]+) sends/)![1]!
          .replaceAll(',', ''),
      );
    const allSends = await sendsOf();
    expect(allSends).toBeGreaterThan(0);
    const channel = page.locator('.report-channel select');
    const options = await channel.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(2);
    await channel.selectOption({ index: 1 });
    await page.waitForURL(/channel=/);
    await expect.poll(sendsOf, WAIT).toBeLessThan(allSends);
    await channel.selectOption({ index: 0 });

    // Yesterday (before the demo stream started): the figures empty out, the page says what to do.
    await page.goto(`/o/${demoSlug}/reports/deliverability?range=yesterday`);
    await visible(page.getByTestId('providers').getByText(/No sends in this date range/));
    await visible(page.getByTestId('bounce-trend').getByText(/No sends in this date range/));
    await visible(page.getByTestId('latency').getByText('No deliveries in this date range.'));
    expect(await textOf(page.getByTestId('kpi-total-bounce').locator('.kpi-value'))).toBe('—');
    await stack.shot(page, 'deliverability-02-empty-range');

    // Engagement: opens and clicks of today's deliveries.
    await expect
      .poll(
        async () => {
          await page.goto(`/o/${demoSlug}/reports/engagement?range=today`);
          await visible(page.getByTestId('template-performance'));
          await page.waitForLoadState('networkidle');
          await stack.shot(page, 'engagement-00-waiting');
          if ((await page.getByTestId('template-table').count()) === 0) return 'no table';
          return textOf(page.getByTestId('kpi-click-rate').locator('.kpi-value'));
        },
        { timeout: 300_000, interval: 5_000 },
      )
      .toMatch(/^(?!0\.00%)\d/);
    await chartsDrawn(page, ['open-trend', 'click-trend', 'domain-engagement', 'template-engagement']);
    await countOf(page.getByTestId('template-table').locator('tbody tr')).toBeGreaterThan(1);
    await stack.shot(page, 'engagement-01-desktop');

    // Dark theme and phone width.
    const dark = await stack.newPage({ colorScheme: 'dark' });
    await dark.context().addCookies(await page.context().cookies());
    await dark.goto(deliverability);
    await chartsDrawn(dark, ['bounce-trend', 'latency']);
    await stack.shot(dark, 'deliverability-03-dark');

    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(deliverability);
    await chartsDrawn(phone, ['bounce-trend', 'bounce-reasons']);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await stack.shot(phone, 'deliverability-04-phone');
    await phone.goto(`/o/${demoSlug}/reports/engagement?range=today`);
    await chartsDrawn(phone, ['open-trend', 'domain-engagement']);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await stack.shot(phone, 'engagement-02-phone');
  }, 900_000);
});
