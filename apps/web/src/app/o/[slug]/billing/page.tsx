'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useOrganization } from '../../../../components/organization-context.tsx';
import { Loading } from '../../../../components/ui.tsx';
import { orgPath } from '../../../../lib/navigation.ts';

/** `/o/[slug]/billing`: SES Costs, the one Billing page of this build. */
export default function BillingHome() {
  const router = useRouter();
  const { slug } = useOrganization();
  useEffect(() => {
    router.replace(orgPath(slug, '/billing/ses-costs'));
  }, [slug, router]);
  return <Loading />;
}
