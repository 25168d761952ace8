'use client';

import { RequirePermission } from '../../../../../../components/organization-context.tsx';
import { SuppressionList } from '../../../../../../components/reports/messages/suppression-list.tsx';
import '../../../../../../components/reports/messages/messages.css';

/** `/o/[slug]/reports/deliverability/suppressions`: the Suppression List viewer of the Deliverability tab. */
export default function SuppressionsPage() {
  return (
    <RequirePermission anyOf={['suppressions.view']}>
      <SuppressionList />
    </RequirePermission>
  );
}
