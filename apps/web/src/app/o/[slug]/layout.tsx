import type { ReactNode } from 'react';
import { OrganizationShell } from '../../../components/organization-shell.tsx';
import { SessionProvider } from '../../../components/session.tsx';

export default function OrganizationLayout({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <OrganizationShell>{children}</OrganizationShell>
    </SessionProvider>
  );
}
