'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useOrganization } from '../../../../components/organization-context.tsx';
import { Loading } from '../../../../components/ui.tsx';
import { firstSettingsTab, orgPath } from '../../../../lib/navigation.ts';

export default function SettingsIndex() {
  const router = useRouter();
  const membership = useOrganization();
  useEffect(() => {
    router.replace(orgPath(membership.slug, firstSettingsTab(membership)));
  }, [membership, router]);
  return <Loading />;
}
