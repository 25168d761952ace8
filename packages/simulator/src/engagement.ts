import { applePrefetch, type Fetcher, humanClick, humanOpen, linkScanner } from './engagement-clients.ts';
import { clickObject, openObject } from './event-details.ts';
import * as latency from './latency.ts';
import { emit, type MessageContext } from './message-context.ts';
import type { Recipient } from './recipients.ts';
import type { ChannelPurpose, TemplateLink } from './templates.ts';

/** Share of delivered mail a person opens, and of openers who click, by stream. */
const OPEN_RATE: Record<ChannelPurpose, number> = {
  marketing: 0.2,
  onboarding: 0.45,
  transactional: 0.5,
  default: 0.35,
  custom: 0.3,
};
const CLICK_RATE: Record<ChannelPurpose, number> = {
  marketing: 0.14,
  onboarding: 0.35,
  transactional: 0.3,
  default: 0.22,
  custom: 0.2,
};

/**
 * Opens and clicks of a delivered, randomly named recipient (only on channels with engagement tracking):
 * Apple MPP prefetches for Apple mailboxes (and Apple Mail users elsewhere), human opens seconds to days
 * later with occasional re-opens, clicks after opens, clicks with images blocked, link scanners on
 * company domains.
 */
export function engagementEvents(context: MessageContext, recipient: Recipient, deliveredAt: number): void {
  if (!context.channel.tracking) return;
  const { random } = context;
  const purpose = context.channel.profile.purpose;
  const links = context.template?.links ?? [];
  const client = recipient.domain.client;
  if (random.chance(client === 'apple' ? 0.9 : 0.08)) {
    const at = deliveredAt + latency.prefetchLag(random);
    open(context, at, applePrefetch(random));
  }
  if (recipient.domain.company && links.length > 0 && random.chance(0.2)) {
    const scanner = linkScanner(random);
    let at = deliveredAt + latency.scannerLag(random);
    for (const link of links) {
      click(context, at, scanner, link);
      at += random.between(50, 900);
    }
  }
  if (random.chance(OPEN_RATE[purpose])) {
    let at = deliveredAt + latency.humanOpenLag(random);
    const reader = humanOpen(client, random);
    open(context, at, reader);
    if (links.length > 0 && random.chance(CLICK_RATE[purpose])) {
      const browser = humanClick(random);
      let clickAt = at + latency.clickAfterOpen(random);
      click(context, clickAt, browser, pickLink(context, links));
      if (links.length > 1 && random.chance(0.2)) {
        clickAt += latency.clickAfterOpen(random);
        click(context, clickAt, browser, pickLink(context, links));
      }
    }
    for (let reopens = random.chance(0.3) ? random.between(1, 3) : 0; reopens > 0; reopens--) {
      at += latency.reopenLag(random);
      open(context, at, reader);
    }
  } else if (links.length > 0 && random.chance(0.02)) {
    click(context, deliveredAt + latency.blindClickLag(random), humanClick(random), pickLink(context, links));
  }
}

/** `opened@` / `clicked@`: exactly one open, and for clicks one click on the template's first link. */
export function forcedEngagement(
  context: MessageContext,
  recipient: Recipient,
  deliveredAt: number,
  withClick: boolean,
): void {
  const { random } = context;
  const at = deliveredAt + latency.humanOpenLag(random);
  open(context, at, humanOpen(recipient.domain.client, random));
  if (!withClick) return;
  const link = context.template?.links[0] ?? {
    url: `https://${context.organization.profile.domains[0] ?? 'example.com'}/`,
    tags: {},
  };
  click(context, at + latency.clickAfterOpen(random), humanClick(random), link);
}

function pickLink(context: MessageContext, links: readonly TemplateLink[]): TemplateLink {
  // The first link (headline / call to action) gets most clicks.
  return context.random.chance(0.6) ? (links[0] as TemplateLink) : context.random.pick(links);
}

function open(context: MessageContext, at: number, fetcher: Fetcher): void {
  emit(context, 'Open', at, context.mail.delivered, openObject(at, fetcher));
}

function click(context: MessageContext, at: number, fetcher: Fetcher, link: TemplateLink): void {
  emit(context, 'Click', at, context.mail.delivered, clickObject(at, fetcher, link));
}
