// Which organization the dashboard opens on: the last one visited in this browser while the user is
// still a member of it, else the demo workspace (spec: "after your first sign-in, you land in the
// Demo Workspace"), else the first membership.
import type { Membership } from './api/types.ts';

const KEY = 'sendops.currentOrganization';

export function rememberOrganization(slug: string): void {
  try {
    window.localStorage.setItem(KEY, slug);
  } catch {
    // Storage can be disabled; the fallback order still works.
  }
}

export function currentOrganization(memberships: Membership[]): Membership | undefined {
  let remembered: string | null = null;
  try {
    remembered = window.localStorage.getItem(KEY);
  } catch {
    remembered = null;
  }
  return (
    memberships.find((m) => m.slug === remembered) ?? memberships.find((m) => m.isDemo) ?? memberships[0]
  );
}

/** The user's own workspace: the first non-demo organization they own, else any non-demo one. */
export function ownWorkspace(memberships: Membership[]): Membership | undefined {
  return memberships.find((m) => !m.isDemo && m.role === 'owner') ?? memberships.find((m) => !m.isDemo);
}
