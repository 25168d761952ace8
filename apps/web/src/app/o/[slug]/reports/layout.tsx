'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { type ReactNode, Suspense } from 'react';
import { RequirePermission, useOrganization } from '../../../../components/organization-context.tsx';
import { ReportControls } from '../../../../components/reports/report-controls.tsx';
import { ReportFilterProvider } from '../../../../components/reports/report-filter.tsx';
import { REPORT_TABS } from '../../../../components/reports/report-tabs.ts';
import { Loading } from '../../../../components/ui.tsx';
import { orgPath } from '../../../../lib/navigation.ts';
import '../../../../components/reports/reports.css';

export default function ReportsLayout({ children }: { children: ReactNode }) {
  return (
    <RequirePermission anyOf={['reports.view']}>
      <Suspense fallback={<Loading />}>
        <ReportFilterProvider>
          <Reports>{children}</Reports>
        </ReportFilterProvider>
      </Suspense>
    </RequirePermission>
  );
}

function Reports({ children }: { children: ReactNode }) {
  const membership = useOrganization();
  const pathname = usePathname();
  // Tabs keep the filter: the same search params follow the user from tab to tab.
  const search = useSearchParams().toString();
  const current = REPORT_TABS.find((tab) =>
    pathname.startsWith(orgPath(membership.slug, `/reports/${tab.id}`)),
  );
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Reports</h1>
          <p>What happened to the mail {membership.name} sent through SES.</p>
        </div>
      </div>
      <nav className="tabs" aria-label="Report sections">
        {REPORT_TABS.map((tab) => {
          const href = orgPath(membership.slug, `/reports/${tab.id}`);
          return (
            <Link
              key={tab.id}
              href={search ? `${href}?${search}` : href}
              className="tab"
              aria-current={current?.id === tab.id ? 'page' : undefined}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
      <ReportControls exportPath={current ? `/reports/${current.id}` : null} />
      {children}
    </>
  );
}
