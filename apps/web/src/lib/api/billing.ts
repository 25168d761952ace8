// Billing → SES Costs (GET /api/orgs/:slug/billing/ses-costs, docs/dashboard-api.md).
import { api } from './client.ts';

export type TrendMonths = 3 | 6 | 12;

export interface SesCostReport {
  rateCard: { version: string; usdPerThousand: number; ec2FreeTierPerMonth: number };
  freeTier: boolean;
  from: string;
  to: string;
  current: {
    month: string;
    sends: number;
    costUsd: number;
    projectedSends: number;
    projectedCostUsd: number;
    lastMonthCostUsd: number;
    changeVsLastMonth: number | null;
    dailyRunRateUsd: number;
    elapsedDays: number;
    daysInMonth: number;
    progress: number;
  };
  trend: { month: string; sends: number; billableSends: number; costUsd: number; current: boolean }[];
  channels: { channelId: string; name: string; sends: number; costUsd: number; share: number }[];
  totals: { sends: number; costUsd: number };
}

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
