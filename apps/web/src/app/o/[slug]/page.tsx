'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useOrganization } from '../../../components/organization-context.tsx';
import { Loading } from '../../../components/ui.tsx';
import { landingPath } from '../../../lib/navigation.ts';

/** `/o/[slug]`: the first page of this organization the member's role may see. */
export default function OrganizationHome() {
  const router = useRouter();
  const membership = useOrganization();
  useEffect(() => {
    router.replace(landingPath(membership));
  }, [membership, router]);
  return <Loading />;
}
