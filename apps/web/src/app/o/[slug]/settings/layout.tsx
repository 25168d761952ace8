'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { useOrganization } from '../../../../components/organization-context.tsx';
import { canSee, orgPath, SETTINGS_TABS } from '../../../../lib/navigation.ts';

export default function SettingsLayout({ children }: { children: ReactNode }) {
  const membership = useOrganization();
  const pathname = usePathname();
  const tabs = SETTINGS_TABS.filter((tab) => canSee(membership, tab));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p>Configuration shared by everyone in {membership.name}.</p>
        </div>
      </div>
      {tabs.length > 1 && (
        <nav className="tabs" aria-label="Settings sections">
          {tabs.map((tab) => {
            const href = orgPath(membership.slug, tab.path);
            return (
              <Link
                key={tab.id}
                href={href}
                className="tab"
                aria-current={pathname === href ? 'page' : undefined}
              >
                {tab.label}
              </Link>
            );
          })}
        </nav>
      )}
      {children}
    </>
  );
}
