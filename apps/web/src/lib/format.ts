import type { Role } from './api/types.ts';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  org_admin: 'Org Admin',
  infra_admin: 'Infra Admin',
  developer: 'Developer',
  marketer: 'Marketer',
  financial: 'Financial',
  customer_support: 'Customer Support',
  viewer: 'Viewer',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

export function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function safeTimezone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** `Nov 23, 2026, 16:04:05` in the given zone (the browser's when none or an unknown one). */
export function formatDateTime(
  iso: string | null | undefined,
  timeZone?: string,
  withSeconds = false,
): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: withSeconds ? 'medium' : 'short',
    hourCycle: 'h23',
    timeZone: safeTimezone(timeZone),
  }).format(date);
}

export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: safeTimezone(timeZone) }).format(
    date,
  );
}

/** "in 3 days", "in 5 hours", "expired" relative to now (display only). */
export function formatExpiry(iso: string): string {
  const ms = new Date(iso).getTime() - Date.now();
  if (!Number.isFinite(ms)) return iso;
  if (ms <= 0) return 'expired';
  const hours = ms / 3_600_000;
  if (hours < 1) return `in ${Math.max(1, Math.round(ms / 60_000))} min`;
  if (hours < 48) return `in ${Math.round(hours)} h`;
  return `in ${Math.round(hours / 24)} days`;
}

export function personLabel(person: { name: string; email: string } | string | null | undefined): string {
  if (!person) return '—';
  if (typeof person === 'string') return person;
  return person.name ? `${person.name} (${person.email})` : person.email;
}
