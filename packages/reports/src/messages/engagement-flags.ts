/**
 * Flags on opens and clicks that were probably not a person reading (spec asks to flag privacy-proxy
 * and bot-like opens; the heuristics are ours, documented in docs/dashboard-api.md and on the page):
 *
 * - `privacy_proxy`: an Open whose user agent is exactly `Mozilla/5.0` — Apple Mail Privacy Protection
 *   prefetches every image through Apple's relay with that bare agent, whether or not anyone reads.
 * - `image_proxy`: an Open through a mailbox provider's image proxy (Gmail's GoogleImageProxy, Yahoo's
 *   YahooMailProxy): a real open, but the agent and IP are the proxy's, not the reader's.
 * - `bot`: a user agent naming a crawler or scanner, or a Click less than BOT_LAG_MS after the
 *   delivery — faster than a person opens a message and follows a link: the signature of link scanners
 *   (Safe Links style) that follow every link seconds after delivery.
 */
export type EngagementFlag = 'privacy_proxy' | 'image_proxy' | 'bot';

export const BOT_LAG_MS = 30_000;

const BOT_AGENT = /bot\b|crawler|spider|scanner|headless|python-requests|curl\/|wget\/|go-http-client/i;
const IMAGE_PROXY_AGENT = /GoogleImageProxy|YahooMailProxy/i;

export function engagementFlags(
  eventType: string,
  userAgent: string,
  eventTimeMs: number,
  deliveredAtMs: number | undefined,
): EngagementFlag[] {
  if (eventType !== 'Open' && eventType !== 'Click') return [];
  const flags: EngagementFlag[] = [];
  const agent = userAgent.trim();
  if (eventType === 'Open' && agent === 'Mozilla/5.0') flags.push('privacy_proxy');
  else if (eventType === 'Open' && IMAGE_PROXY_AGENT.test(agent)) flags.push('image_proxy');
  const quickClick =
    eventType === 'Click' &&
    deliveredAtMs !== undefined &&
    eventTimeMs >= deliveredAtMs &&
    eventTimeMs - deliveredAtMs < BOT_LAG_MS;
  if (BOT_AGENT.test(agent) || quickClick) flags.push('bot');
  return flags;
}
