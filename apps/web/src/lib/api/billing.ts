// Billing → SES Costs (GET /api/orgs/:slug/billing/ses-costs, docs/dashboard-api.md). The report's type
// comes from @sendops/reports (`import type` is erased, so no backend code reaches the browser).
import type { CostChannel, SesCostReport as SesCostReportBody, TrendMonths } from '@sendops/reports';
import { api } from './client.ts';

export type { TrendMonths } from '@sendops/reports';

/** The report as the route sends it: each channel also carries its name. */
export type SesCostReport = Omit<SesCostReportBody, 'channels'> & {
  channels: (CostChannel & { name: string })[];
};

export function sesCostsPath(
  slug: string,
  query: { months: TrendMonths; freeTier: boolean; format?: 'csv'; by?: 'month' | 'channel' },
): string {
  const params = new URLSearchParams({ months: String(query.months), freeTier: String(query.freeTier) });
  if (query.format) params.set('format', query.format);
  if (query.by) params.set('by', query.by);
  return `/api/orgs/${encodeURIComponent(slug)}/billing/ses-costs?${params.toString()}`;
}

export const billingApi = {
  sesCosts: (slug: string, months: TrendMonths, freeTier: boolean) =>
    api.get<SesCostReport>(sesCostsPath(slug, { months, freeTier })),
};
