import { describe, expect, it } from 'vitest';
import { BOT_LAG_MS, engagementFlags } from './engagement-flags.ts';

const DELIVERED = Date.UTC(2026, 9, 1, 12);
const GMAIL_PROXY =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('engagementFlags', () => {
  it('flags Apple Mail Privacy Protection prefetches and image-proxy opens', () => {
    expect(engagementFlags('Open', 'Mozilla/5.0', DELIVERED + 3_000, DELIVERED)).toEqual(['privacy_proxy']);
    expect(engagementFlags('Open', GMAIL_PROXY, DELIVERED + 600_000, DELIVERED)).toEqual(['image_proxy']);
    expect(engagementFlags('Open', 'YahooMailProxy; https://help.yahoo.com', DELIVERED, DELIVERED)).toEqual([
      'image_proxy',
    ]);
    expect(engagementFlags('Open', BROWSER, DELIVERED + 5_000, DELIVERED)).toEqual([]);
  });

  it('flags clicks faster than a person (link scanners) and bot user agents, not a later human click', () => {
    expect(engagementFlags('Click', BROWSER, DELIVERED + BOT_LAG_MS - 1, DELIVERED)).toEqual(['bot']);
    expect(engagementFlags('Click', BROWSER, DELIVERED + BOT_LAG_MS, DELIVERED)).toEqual([]);
    expect(engagementFlags('Click', BROWSER, DELIVERED + 5_000, undefined)).toEqual([]);
    expect(
      engagementFlags('Open', 'Barracuda Sentinel (EE) scanner', DELIVERED + 3_600_000, DELIVERED),
    ).toEqual(['bot']);
    expect(engagementFlags('Click', 'python-requests/2.31', DELIVERED + 3_600_000, DELIVERED)).toEqual([
      'bot',
    ]);
    expect(engagementFlags('Delivery', 'Mozilla/5.0', DELIVERED, DELIVERED)).toEqual([]);
  });
});
