import type { OpenClient } from './mailbox-providers.ts';
import type { Random } from './random.ts';

/**
 * Who fetches the open pixel or follows a tracked link. Mailbox providers proxy images (Gmail's
 * GoogleImageProxy, YahooMailProxy), Apple Mail Privacy Protection prefetches every image from Apple's
 * relay within seconds of delivery with a bare `Mozilla/5.0`, and corporate gateways scan links.
 */

export interface Fetcher {
  userAgent: string;
  ipAddress: string;
}

const ip = (random: Random, prefixes: readonly string[]) =>
  `${random.pick(prefixes)}.${random.between(1, 254)}`;

const GOOGLE_PROXY_UA =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const YAHOO_PROXY_UA = 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html';
const GOOGLE_PROXY_IPS = ['66.249.84', '66.249.88', '66.102.8', '74.125.151', '66.249.93'];
const YAHOO_PROXY_IPS = ['87.248.114', '98.137.27', '74.6.36', '212.82.99'];
/** Apple's MPP relays egress through partner CDNs; these are the ranges they commonly show up from. */
const APPLE_MPP_IPS = ['104.28.38', '104.28.86', '172.225.6', '172.226.94', '17.58.101'];
const MICROSOFT_IPS = ['40.94.29', '52.100.166', '40.107.22', '13.107.6'];

const MOBILE_APPLE_MAIL = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
];
const OUTLOOK_CLIENTS = [
  'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/4.0 (compatible; ms-office; MSOffice 16)',
  'Outlook-iOS/723.4027091.prod.iphone (4.2437.0)',
];
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 Mobile Safari/537.36',
];
const THUNDERBIRD = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
/** Consumer access networks the human opens and clicks come from (first two octets). */
const RESIDENTIAL = [
  '81.2',
  '86.150',
  '92.184',
  '109.190',
  '176.12',
  '24.48',
  '73.162',
  '98.207',
  '121.134',
  '182.226',
  '49.36',
  '5.18',
];

const residentialIp = (random: Random) =>
  `${random.pick(RESIDENTIAL)}.${random.between(0, 255)}.${random.between(1, 254)}`;

/** Apple Mail Privacy Protection prefetch. */
export function applePrefetch(random: Random): Fetcher {
  return { userAgent: 'Mozilla/5.0', ipAddress: ip(random, APPLE_MPP_IPS) };
}

/** A human open, as the mailbox provider's proxy or the recipient's client reports it. */
export function humanOpen(client: OpenClient, random: Random): Fetcher {
  switch (client) {
    case 'gmail':
      return { userAgent: GOOGLE_PROXY_UA, ipAddress: ip(random, GOOGLE_PROXY_IPS) };
    case 'yahoo':
      return { userAgent: YAHOO_PROXY_UA, ipAddress: ip(random, YAHOO_PROXY_IPS) };
    case 'apple':
      return { userAgent: random.pick(MOBILE_APPLE_MAIL), ipAddress: residentialIp(random) };
    case 'outlook':
      return { userAgent: random.pick(OUTLOOK_CLIENTS), ipAddress: residentialIp(random) };
    case 'corporate':
      return {
        userAgent: random.chance(0.6) ? random.pick(OUTLOOK_CLIENTS) : random.pick(BROWSERS),
        ipAddress: residentialIp(random),
      };
    case 'webmail':
      return {
        userAgent: random.chance(0.1) ? THUNDERBIRD : random.pick(BROWSERS),
        ipAddress: residentialIp(random),
      };
  }
}

/** A human click: a browser on the recipient's network. */
export function humanClick(random: Random): Fetcher {
  return { userAgent: random.pick(BROWSERS), ipAddress: residentialIp(random) };
}

/** A corporate link scanner (Safe Links style) following every link seconds after delivery. */
export function linkScanner(random: Random): Fetcher {
  return { userAgent: random.pick(BROWSERS.slice(0, 2)), ipAddress: ip(random, MICROSOFT_IPS) };
}

/** Feedback-loop reporter in `complaint.userAgent`. */
export function complaintAgent(client: OpenClient, random: Random): string {
  if (client === 'yahoo') return 'Yahoo!-Mail-Feedback/2.0';
  if (client === 'outlook' || client === 'corporate') return 'Microsoft Junk Mail Reporting Program';
  if (client === 'gmail') return 'Gmail Feedback Loop';
  return random.pick(BROWSERS);
}
