'use client';

import { Suspense } from 'react';
import { RequirePermission } from '../../../../components/organization-context.tsx';
import { Loading } from '../../../../components/ui.tsx';
import { UndeliverableList } from '../../../../components/undeliverable/undeliverable-list.tsx';

export default function UndeliverablePage() {
  return (
    <RequirePermission anyOf={['undeliverable.view']}>
      {/* The filters live in the URL's search params, read during render. */}
      <Suspense fallback={<Loading />}>
        <UndeliverableList />
      </Suspense>
    </RequirePermission>
  );
}
