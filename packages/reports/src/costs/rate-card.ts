/**
 * The published SES rate card the estimates use (billing/ses-cost-estimates). Costs are kept as whole
 * "rate units" ($0.0001, the price of one email) so sums stay exact; dollars only at the edge.
 */
export const SES_RATE_CARD = {
  version: '2025-01',
  /** USD per 1,000 emails sent. */
  usdPerThousand: 0.1,
  /** Emails a month free when sending from EC2. */
  ec2FreeTierPerMonth: 62_000,
} as const;

/** Emails of one billing month that are charged. */
export function billableSends(monthSends: number, freeTier: boolean): number {
  return freeTier ? Math.max(0, monthSends - SES_RATE_CARD.ec2FreeTierPerMonth) : monthSends;
}

/** Dollars for a number of charged emails, exact to $0.0001 (one email). */
export function usdFor(billable: number): number {
  return roundUsd((billable * SES_RATE_CARD.usdPerThousand) / 1000);
}

/** Dollar amounts are given to 4 decimals ($0.0001 = one email at the rate card). */
export function roundUsd(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
