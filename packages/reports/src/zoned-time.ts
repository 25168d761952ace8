/**
 * Wall-clock ↔ UTC conversions in an IANA time zone, with Intl only (no tz library): reports bucket
 * days and months in the viewer's time zone, and the edges of those buckets must be exact instants.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a time zone. */
export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClockOf(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset (ms) of the zone from UTC at an instant: wall clock minus UTC. */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClockOf(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock of the zone shows year-month-day 00:00 (month 1–12; day and
 * month may overflow, e.g. month 13 = January of the next year). Where midnight does not exist
 * (a DST gap at midnight), the first instant of that day.
 */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  // Two passes settle the offset on both sides of a DST change.
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone);
  const w = wallClockOf(new Date(guess), timeZone);
  const target = new Date(wall);
  if (w.day !== target.getUTCDate() || w.month !== target.getUTCMonth() + 1) {
    // Midnight skipped by a DST gap: the day starts after the gap.
    guess += 60 * 60 * 1000;
  }
  return new Date(guess);
}

/** Start of the day (in the zone) that contains the instant. */
export function startOfZonedDay(instant: Date, timeZone: string): Date {
  const w = wallClockOf(instant, timeZone);
  return zonedMidnight(w.year, w.month, w.day, timeZone);
}

/** Start of the month (in the zone) that contains the instant, shifted by `monthsAhead` months. */
export function startOfZonedMonth(instant: Date, timeZone: string, monthsAhead = 0): Date {
  const w = wallClockOf(instant, timeZone);
  return zonedMidnight(w.year, w.month + monthsAhead, 1, timeZone);
}

/** `YYYY-MM-DD` of the instant's day in the zone. */
export function zonedDateKey(instant: Date, timeZone: string): string {
  const w = wallClockOf(instant, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** `YYYY-MM` of the instant's month in the zone. */
export function zonedMonthKey(instant: Date, timeZone: string): string {
  const w = wallClockOf(instant, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}`;
}
