'use client';

import Link from 'next/link';
import { createContext, type ReactNode, useContext } from 'react';
import type { Membership } from '../lib/api/types.ts';
import { landingPath } from '../lib/navigation.ts';
import { ErrorState } from './ui.tsx';

const OrganizationContext = createContext<Membership | null>(null);

export const OrganizationProvider = OrganizationContext.Provider;

/** The organization of the current `/o/[slug]` page, with the member's role and permissions. */
export function useOrganization(): Membership {
  const membership = useContext(OrganizationContext);
  if (!membership) throw new Error('useOrganization outside /o/[slug]');
  return membership;
}

export function useCan(permission: string): boolean {
  return useOrganization().permissions.includes(permission);
}

/** Renders the page only for members whose role holds one of the permissions; says so otherwise. */
export function RequirePermission({
  anyOf,
  children,
  allowDemo,
}: {
  anyOf: string[];
  children: ReactNode;
  allowDemo?: boolean;
}) {
  const membership = useOrganization();
  const allowed = (allowDemo && membership.isDemo) || anyOf.some((p) => membership.permissions.includes(p));
  if (!allowed) {
    return (
      <div className="stack">
        <ErrorState
          title="You do not have access to this page"
          error={
            new Error(
              'Your role in this organization does not include this page. Ask an Owner or Org Admin if you need it.',
            )
          }
        />
        <div>
          <Link className="btn" href={landingPath(membership)}>
            Go to {membership.name}
          </Link>
        </div>
      </div>
    );
  }
  return <>{children}</>;
}
