'use client';

import { RequirePermission } from '../../../../../components/organization-context.tsx';
import { RulesEditor } from '../../../../../components/undeliverable/rules-editor.tsx';

export default function ClassificationRulesPage() {
  return (
    <RequirePermission anyOf={['undeliverable.view']}>
      <RulesEditor />
    </RequirePermission>
  );
}
