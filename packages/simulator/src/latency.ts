import type { Random } from './random.ts';

/** Delays between events of one message, in whole milliseconds. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** SES accepting the API call to publishing Send. */
export const sendLag = (random: Random) => random.between(5, 35);

/**
 * SES accepted → receiving server said 250: log-normal around 1.5 s, with a 4% tail of slow MXes and
 * greylisting retries out to a quarter of an hour.
 */
export function deliveryLatency(random: Random): number {
  if (random.chance(0.04)) return Math.round(random.logUniform(8 * SECOND, 15 * MINUTE));
  return Math.round(clamp(random.logNormal(1500, 0.6), 250, 60 * SECOND));
}

/** Suppression-list bounces never leave SES. */
export const suppressionLatency = (random: Random) => random.between(60, 900);

/** A bounce that arrives as an NDR after the receiving server first accepted the mail. */
export const asyncBounceLatency = (random: Random) =>
  Math.round(clamp(random.logNormal(4 * MINUTE, 1.2), 20 * SECOND, 6 * HOUR));

/** First DeliveryDelay report: SES has retried for a while. */
export const firstDelay = (random: Random) => Math.round(random.logUniform(30 * SECOND, 20 * MINUTE));

/** Delayed mail finally accepted, after the delay report. */
export const delayedDelivery = (random: Random) => Math.round(random.logUniform(2 * MINUTE, 4 * HOUR));

/** SES's default maximum delivery duration: it gives up (Transient bounce) after 14 hours. */
export const MAX_DELIVERY_DURATION = 14 * HOUR;

/** A soft bounce after retries: anywhere between a few minutes and the maximum delivery duration. */
export const transientBounceLatency = (random: Random) =>
  Math.round(
    random.chance(0.5)
      ? MAX_DELIVERY_DURATION + random.between(0, 90 * SECOND)
      : random.logUniform(3 * MINUTE, 10 * HOUR),
  );

/** Apple Mail Privacy Protection prefetch: seconds after delivery. */
export const prefetchLag = (random: Random) => Math.round(random.logUniform(2 * SECOND, 90 * SECOND));

/** A person opening: seconds to days later, median three quarters of an hour. */
export const humanOpenLag = (random: Random) =>
  Math.round(clamp(random.logNormal(45 * MINUTE, 1.9), 5 * SECOND, 14 * DAY));

/** Opening it again later. */
export const reopenLag = (random: Random) =>
  Math.round(clamp(random.logNormal(6 * HOUR, 1.4), MINUTE, 10 * DAY));

/** From opening to clicking a link. */
export const clickAfterOpen = (random: Random) =>
  Math.round(clamp(random.logNormal(40 * SECOND, 1.3), 2 * SECOND, 2 * DAY));

/** A click with images blocked (no open before it): minutes to days after delivery. */
export const blindClickLag = (random: Random) =>
  Math.round(clamp(random.logNormal(2 * HOUR, 1.8), MINUTE, 14 * DAY));

/** A corporate gateway scanning links right after delivery. */
export const scannerLag = (random: Random) => Math.round(random.logUniform(1 * SECOND, 25 * SECOND));

/** Feedback loops report complaints minutes to days after delivery. */
export const complaintLag = (random: Random) =>
  Math.round(clamp(random.logNormal(4 * HOUR, 1.6), 30 * SECOND, 7 * DAY));

/** Unsubscribing after receiving. */
export const unsubscribeLag = (random: Random) =>
  Math.round(clamp(random.logNormal(30 * MINUTE, 1.6), 10 * SECOND, 5 * DAY));

/** Rendering happens right after Send for templated mail. */
export const renderLag = (random: Random) => random.between(80, 1500);
