/**
 * ISO-8601 UTC formatting without a Date per call: the day prefix is cached, the rest is arithmetic.
 * Bulk loads format tens of millions of timestamps, where `new Date().toISOString()` shows up in profiles.
 */

const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
let cachedPrefix = '';

function dayPrefix(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  return cachedPrefix;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

function clock(ms: number): [string, number] {
  const t = Math.floor(ms);
  const inDay = t - Math.floor(t / DAY_MS) * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const text = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  return [text, inDay % 1000];
}

/** `2026-11-23T14:05:09.123Z` (SES object timestamps). */
export function isoMillis(ms: number): string {
  const [text, millis] = clock(ms);
  return `${dayPrefix(ms)}${text}.${pad3(millis)}Z`;
}

/** `2026-11-23T14:05:09Z` (EventBridge envelope `time`). */
export function isoSeconds(ms: number): string {
  return `${dayPrefix(ms)}${clock(ms)[0]}Z`;
}

/** `2026-11-23 14:05:09.123` (ClickHouse DateTime64(3) text, UTC). */
export function clickhouseMillis(ms: number): string {
  const [text, millis] = clock(ms);
  return `${dayPrefix(ms).slice(0, 10)} ${text}.${pad3(millis)}`;
}
