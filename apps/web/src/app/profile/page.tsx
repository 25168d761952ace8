'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { SessionProvider, useSession } from '../../components/session.tsx';
import { Loading } from '../../components/ui.tsx';
import { currentOrganization } from '../../lib/current-organization.ts';
import { orgPath } from '../../lib/navigation.ts';

/** `/profile` (links in mail): the Profile page inside the current organization's shell. */
export default function ProfileRedirect() {
  return (
    <SessionProvider>
      <Redirect />
    </SessionProvider>
  );
}

function Redirect() {
  const router = useRouter();
  const { me } = useSession();
  useEffect(() => {
    const organization = currentOrganization(me.organizations);
    router.replace(organization ? orgPath(organization.slug, `/profile${window.location.hash}`) : '/welcome');
  }, [me.organizations, router]);
  return (
    <div className="full-page-center">
      <Loading />
    </div>
  );
}
