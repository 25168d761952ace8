// What every browser test stands on: a real `sendops start` on free ports and a throwaway data
// directory, Debian's Chromium driven by playwright-core, pages in their own contexts, screenshots in
// screenshots/ (gitignored) for a person to look at, and everything stopped and removed afterwards.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from '@sendops/db';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type RunningCli, startCli } from '../cli-process.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../../screenshots');
const STARTUP_TIMEOUT = 600_000;

export interface PageOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
}

export interface BrowserStackOptions {
  /** Name prefix of the temporary data directory, e.g. `sendops-browser-costs-`. */
  dataDirPrefix: string;
  /** Arguments after `sendops start`, e.g. `['--demo-rate', '25']`. */
  startArgs?: string[];
  /** Defaults of every page `newPage` opens. */
  page: {
    width?: number;
    height: number;
    timezoneId: string;
    acceptDownloads?: boolean;
    /** `page.setDefaultTimeout`. */
    timeout: number;
    /** `page.setDefaultNavigationTimeout`, when it differs from `timeout`. */
    navigationTimeout?: number;
  };
  /**
   * What `shot` captures unless told: the whole page, the viewport, or the whole page except while a
   * dialog is open (a full-page capture would smear its fixed backdrop). Default `'unless-dialog'`.
   */
  fullPage?: boolean | 'unless-dialog';
}

/**
 * Page defaults of the Reports and Billing tests: downloads allowed (CSV exports) and long timeouts, as the
 * first render of a report waits for the demo history.
 */
export const REPORT_PAGE: BrowserStackOptions['page'] = {
  height: 860,
  timezoneId: 'Europe/Paris',
  acceptDownloads: true,
  timeout: 90_000,
  navigationTimeout: 120_000,
};

export interface BrowserStack {
  webUrl: string;
  /** The API's base URL (without `/api`). */
  apiUrl: string;
  ingestUrl: string;
  dataDir: string;
  /** The environment `sendops start` runs with, for further `sendops ...` commands on the same data. */
  env: Record<string, string>;
  sendops: RunningCli;
  browser: Browser;
  newPage(options?: PageOptions): Promise<Page>;
  shot(page: Page, name: string, fullPage?: boolean): Promise<Buffer>;
  /** Closes every page's context, the browser and `sendops start`, and removes the data directory. */
  stop(): Promise<void>;
}

// Not skipped when chromium is missing: `npm test` installs it (scripts/ensure-chromium.mjs) where it can,
// and otherwise the suite fails saying so.
export async function startBrowserStack(options: BrowserStackOptions): Promise<BrowserStack> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  await mkdir(SCREENSHOTS, { recursive: true });
  const dataDir = await mkdtemp(path.join(tmpdir(), options.dataDirPrefix));
  const contexts: BrowserContext[] = [];
  let sendops: RunningCli | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await sendops?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const webPort = await findFreePort();
    // The real `sendops start`: it builds the dashboard first when the build is missing or stale.
    const env: Record<string, string> = {
      SENDOPS_DATA_DIR: dataDir,
      SENDOPS_WEB_PORT: String(webPort),
      SENDOPS_API_PORT: String(await findFreePort()),
      SENDOPS_INGEST_PORT: String(await findFreePort()),
      SENDOPS_EMBEDDED_PG_PORT: String(await findFreePort()),
      SENDOPS_PUBLIC_URL: `http://127.0.0.1:${webPort}`,
    };
    sendops = startCli(['start', ...(options.startArgs ?? [])], env);
    const webUrl = (await sendops.waitFor(/dashboard\s+(http\S+)/, STARTUP_TIMEOUT))[1]!;
    const apiUrl = (await sendops.waitFor(/api\s+(http\S+)\/api/, STARTUP_TIMEOUT))[1]!;
    const ingestUrl = (await sendops.waitFor(/ingest\s+(http\S+)/, STARTUP_TIMEOUT))[1]!;
    await sendops.waitFor(/^ready$/m, STARTUP_TIMEOUT);
    const launched = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-gpu',
        '--disable-component-update',
      ],
    });
    browser = launched;

    const defaults = options.page;
    const newPage = async (pageOptions: PageOptions = {}) => {
      const context = await launched.newContext({
        baseURL: webUrl,
        viewport: {
          width: pageOptions.width ?? defaults.width ?? 1280,
          height: pageOptions.height ?? defaults.height,
        },
        colorScheme: pageOptions.colorScheme ?? 'light',
        timezoneId: defaults.timezoneId,
        ...(defaults.acceptDownloads ? { acceptDownloads: true } : {}),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(defaults.timeout);
      if (defaults.navigationTimeout !== undefined)
        page.setDefaultNavigationTimeout(defaults.navigationTimeout);
      return page;
    };

    const fullPageDefault = options.fullPage ?? 'unless-dialog';
    const shot = async (page: Page, name: string, fullPage?: boolean) =>
      page.screenshot({
        path: path.join(SCREENSHOTS, `${name}.png`),
        fullPage:
          fullPage ??
          (fullPageDefault === 'unless-dialog'
            ? (await page.getByRole('dialog').count()) === 0
            : fullPageDefault),
      });

    return { webUrl, apiUrl, ingestUrl, dataDir, env, sendops, browser: launched, newPage, shot, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * playwright-core has no assertion library: these wait for the page the way a person would look.
 * `wait` is how long and how often the polls look; `visibleTimeout` how long `visible` waits (the
 * page's default timeout when not given).
 */
export function locatorHelpers(wait: { timeout: number; interval: number }, visibleTimeout?: number) {
  return {
    visible: (locator: Locator) =>
      locator
        .first()
        .waitFor(
          visibleTimeout === undefined ? { state: 'visible' } : { state: 'visible', timeout: visibleTimeout },
        ),
    absent: (locator: Locator) => expect.poll(() => locator.count(), wait).toBe(0),
    textOf: (locator: Locator) => expect.poll(async () => (await locator.allTextContents()).join(' '), wait),
    attributeOf: (locator: Locator, name: string) => expect.poll(() => locator.getAttribute(name), wait),
    countOf: (locator: Locator) => expect.poll(() => locator.count(), wait),
  };
}

/**
 * Waits until a page that was sent to an organization (after sign-up, sign-in or an accepted invitation)
 * has landed on its first page. `/o/[slug]` redirects there on the client, so a click made on the way
 * would be overridden by that redirect. `slug` narrows which organization (a pattern, e.g. `(?!demo)[^/]+`).
 */
export function waitForLanding(page: Page, slug = '[^/]+', path = 'reports/messages', timeout?: number) {
  const url = new RegExp(`/o/${slug}/${path}$`);
  return page.waitForURL(url, timeout === undefined ? {} : { timeout });
}
