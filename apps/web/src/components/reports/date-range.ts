// Date ranges of the reports, as calendar days in the user's time zone. The API takes bare dates
// (`from=2026-11-01&to=2026-11-08&tz=Europe/Berlin`: midnight to midnight in that zone, `to` exclusive);
// the page shows and stores inclusive days (`start`..`end`).
import type { WeekStart } from '../../lib/api/types.ts';

export type PresetId =
  | 'today'
  | 'yesterday'
  | 'last_7_days'
  | 'last_30_days'
  | 'this_month'
  | 'last_month'
  | 'last_90_days';

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'last_7_days', label: 'Last 7 days' },
  { id: 'last_30_days', label: 'Last 30 days' },
  { id: 'this_month', label: 'This month' },
  { id: 'last_month', label: 'Last month' },
  { id: 'last_90_days', label: 'Last 90 days' },
];

export const DEFAULT_PRESET: PresetId = 'last_7_days';
/** Custom ranges are capped below the API's 400-day limit. */
export const MAX_CUSTOM_DAYS = 366;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day `YYYY-MM-DD`; arithmetic happens on UTC midnights, which have no DST. */
export function parseDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = DAY.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return formatDayUtc(date) === value ? value : null;
}

function formatDayUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return formatDayUtc(date);
}

export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

/** Today's date in the zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now)
    .slice(0, 10);
}

function firstOfMonth(day: string, monthsAhead = 0): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + monthsAhead);
  return formatDayUtc(date);
}

/** Inclusive days of a preset, relative to today in the user's zone. */
export function presetDays(preset: PresetId, today: string): { start: string; end: string } {
  switch (preset) {
    case 'today':
      return { start: today, end: today };
    case 'yesterday':
      return { start: addDays(today, -1), end: addDays(today, -1) };
    case 'last_7_days':
      return { start: addDays(today, -6), end: today };
    case 'last_30_days':
      return { start: addDays(today, -29), end: today };
    case 'this_month':
      return { start: firstOfMonth(today), end: today };
    case 'last_month':
      return { start: firstOfMonth(today, -1), end: addDays(firstOfMonth(today), -1) };
    case 'last_90_days':
      return { start: addDays(today, -89), end: today };
  }
}

export function isPreset(value: string | null): value is PresetId {
  return PRESETS.some((preset) => preset.id === value);
}

/** `Nov 1 – Nov 7, 2026` style label of inclusive days. */
export function rangeLabel(start: string, end: string): string {
  const format = (day: string, withYear: boolean) =>
    new Intl.DateTimeFormat('en', {
      month: 'short',
      day: 'numeric',
      year: withYear ? 'numeric' : undefined,
      timeZone: 'UTC',
    }).format(new Date(`${day}T00:00:00Z`));
  if (start === end) return format(start, true);
  return `${format(start, start.slice(0, 4) !== end.slice(0, 4))} – ${format(end, true)}`;
}

/** Weeks of a month as day strings (null = padding), starting on the user's week start. */
export function monthGrid(month: string, weekStart: WeekStart): (string | null)[][] {
  const first = new Date(`${month}-01T00:00:00Z`);
  const offset = (first.getUTCDay() - (weekStart === 'monday' ? 1 : 0) + 7) % 7;
  const daysInMonth = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const cells: (string | null)[] = Array.from({ length: offset }, () => null);
  for (let d = 1; d <= daysInMonth; d++) cells.push(`${month}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export function weekdayLabels(weekStart: WeekStart): string[] {
  const labels = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];
  return weekStart === 'monday' ? [...labels.slice(1), labels[0] as string] : labels;
}

export function shiftMonth(month: string, by: number): string {
  return firstOfMonth(`${month}-01`, by).slice(0, 7);
}
