'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';
import { useOrganization } from '../../../../components/organization-context.tsx';
import { Loading } from '../../../../components/ui.tsx';
import { orgPath } from '../../../../lib/navigation.ts';

/** `/o/[slug]/reports`: the first tab, keeping the filter. */
export default function ReportsHome() {
  const router = useRouter();
  const { slug } = useOrganization();
  const search = useSearchParams().toString();
  useEffect(() => {
    const href = orgPath(slug, '/reports/messages');
    router.replace(search ? `${href}?${search}` : href);
  }, [slug, search, router]);
  return <Loading />;
}
