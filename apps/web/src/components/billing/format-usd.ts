/** `$12.34`; amounts under a cent keep their 4 decimals (one email costs $0.0001). */
export function formatUsd(value: number): string {
  const digits = value !== 0 && Math.abs(value) < 0.01 ? 4 : 2;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat('en-US').format(value);
}

/** `Nov 2026` of a `YYYY-MM` month. */
export function monthLabel(month: string, long = false): string {
  return new Intl.DateTimeFormat('en', {
    month: long ? 'long' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

/** `+12.3%` / `−4.0%` of a fraction. */
export function formatChange(fraction: number): string {
  const percent = (fraction * 100).toFixed(1);
  return fraction > 0 ? `+${percent}%` : fraction < 0 ? `−${percent.slice(1)}%` : '0.0%';
}
