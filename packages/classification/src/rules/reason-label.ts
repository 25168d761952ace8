import type { Reason } from './rule-set.ts';

/**
 * The Reason column's text: the rule in words, with the sub-type appended for permanent bounces and
 * complaints (`permanent bounce · NoEmail`, `complaint · abuse`), as reports/undeliverable-list shows.
 */
export function reasonLabel(reason: Reason, subType = ''): string {
  const words = reason.replace(/_/g, ' ');
  const withSubType = reason === 'permanent_bounce' || reason === 'complaint';
  return withSubType && subType !== '' ? `${words} · ${subType}` : words;
}
