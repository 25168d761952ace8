import { type AnalyticsStore, FINAL_SETTINGS, qualified, rolledUpDaysSql } from '@sendops/analytics';
import { toClickhouseTime } from '@sendops/ses-events';
import type { ReportFilter } from '../report-filter.ts';
import { billableSends, roundUsd, SES_RATE_CARD, usdFor } from './rate-card.ts';

/**
 * SES cost estimates (billing/ses-cost-estimates) from the organization's events.
 *
 * Definitions (where the spec is silent, chosen here and shown on the page):
 * - A send is one `Send` row: one per recipient, as SES bills per recipient.
 * - Billing months are calendar months in UTC, as AWS bills; the free tier applies to each month.
 * - The current month is the one containing `filter.to` (the route's "now"); month to date covers
 *   [month start, to). Elapsed days are fractional.
 * - Daily run rate = month-to-date cost ÷ elapsed days. Projected total = the cost of the month's
 *   projected sends (sends so far ÷ elapsed days × days in the month), free tier applied to that total.
 * - Change vs last month = projected ÷ last month's cost − 1; null when last month cost nothing.
 * - Channel breakdown over the trend's months: each channel's share of the sends times the total cost.
 */

export type TrendMonths = 3 | 6 | 12;

export interface SesCostOptions {
  /** Months of trend, the current one included. */
  months: TrendMonths;
  /** Apply the EC2 free tier (first 62,000 emails a month). */
  freeTier: boolean;
}

export interface CostMonth {
  /** `YYYY-MM` (UTC). */
  month: string;
  sends: number;
  billableSends: number;
  costUsd: number;
  /** The current, unfinished month. */
  current: boolean;
}

export interface CostChannel {
  /** Channel uuid as recorded on the events; '' for events of no known channel. */
  channelId: string;
  sends: number;
  costUsd: number;
  /** Share of the period's sends, 0–1. */
  share: number;
}

export interface CurrentMonthProjection {
  month: string;
  sends: number;
  costUsd: number;
  projectedSends: number;
  projectedCostUsd: number;
  lastMonthCostUsd: number;
  /** Projected vs last month, as a fraction (0.12 = +12 %); null when last month cost nothing. */
  changeVsLastMonth: number | null;
  dailyRunRateUsd: number;
  elapsedDays: number;
  daysInMonth: number;
  /** Share of the month elapsed, 0–1. */
  progress: number;
}

export interface SesCostReport {
  rateCard: typeof SES_RATE_CARD;
  freeTier: boolean;
  /** First instant of the trend (start of its first month, UTC) and its end (`filter.to`). */
  from: string;
  to: string;
  current: CurrentMonthProjection;
  trend: CostMonth[];
  channels: CostChannel[];
  totals: { sends: number; costUsd: number };
}

const DAY_MS = 86_400_000;

function monthStartUtc(instant: Date, monthsAhead = 0): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() + monthsAhead, 1));
}

function monthKey(start: Date): string {
  return start.toISOString().slice(0, 7);
}

/** The trend's window: from the first day of the earliest month to `now`. */
export function sesCostWindow(now: Date, months: TrendMonths): { from: Date; to: Date } {
  const current = monthStartUtc(new Date(now.getTime() - 1));
  return { from: monthStartUtc(current, -(months - 1)), to: now };
}

interface SendCountRow {
  month: string;
  channel_id: string;
  sends: string | number;
}

/**
 * Sends per (UTC month, channel) in [from, to): settled whole days from their exact daily rollup, the
 * rest (days not rolled up yet, the partial days at the edges) from ses_events FINAL.
 */
async function sendsByMonthAndChannel(
  store: AnalyticsStore,
  organizationId: string,
  from: Date,
  to: Date,
  channelId: string | undefined,
): Promise<SendCountRow[]> {
  const rolled = rolledUpDaysSql(store, from, to);
  const channel = channelId === undefined ? '' : 'AND channel_id = {channelId:String}';
  const result = await store.client.query({
    // toYYYYMM (a number; formatted below) costs a fraction of formatting every row's month as text,
    // and grouping by the channel as a plain String is cheaper than a LowCardinality next to a number.
    query: `SELECT month, channel, toUInt64(sum(sends)) AS sends FROM (
              SELECT toYYYYMM(day) AS month, toString(channel_id) AS channel, sum(events) AS sends
              FROM ${qualified(store, 'ses_daily_counts')} FINAL
              WHERE organization_id = {organizationId:UUID} AND event_type = 'Send'
                AND day IN ${rolled.sql} ${channel}
              GROUP BY month, channel
              UNION ALL
              SELECT toYYYYMM(event_time) AS month, toString(channel_id) AS channel, count() AS sends
              FROM ${qualified(store, 'ses_events')} FINAL
              WHERE organization_id = {organizationId:UUID}
                AND event_type = 'Send'
                AND event_time >= {from:DateTime64(3, 'UTC')} AND event_time < {to:DateTime64(3, 'UTC')}
                AND toDate(event_time) NOT IN ${rolled.sql} ${channel}
              GROUP BY month, channel
            )
            GROUP BY month, channel`,
    query_params: {
      organizationId,
      from: toClickhouseTime(from),
      to: toClickhouseTime(to),
      channelId,
      ...rolled.params,
    },
    clickhouse_settings: FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ month: number; channel: string; sends: string | number }>();
  return rows.map((row) => ({
    month: `${Math.floor(row.month / 100)}-${String(row.month % 100).padStart(2, '0')}`,
    channel_id: row.channel,
    sends: row.sends,
  }));
}

/**
 * The SES Costs page. `filter.to` is "now" (the route's clock); `filter.from` is ignored in favour of
 * the trend window (the first day of the earliest month, see sesCostWindow) and `filter.timezone`
 * too (billing months are UTC). `filter.channelId` restricts everything to one channel.
 */
export async function sesCostReport(
  store: AnalyticsStore,
  filter: ReportFilter,
  options: SesCostOptions,
): Promise<SesCostReport> {
  const { from, to } = sesCostWindow(filter.to, options.months);
  // Last month must be known even for the shortest trend (3 months include it).
  const rows = await sendsByMonthAndChannel(store, filter.organizationId, from, to, filter.channelId);

  const monthSends = new Map<string, number>();
  const channelMonthSends = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const sends = Number(row.sends);
    monthSends.set(row.month, (monthSends.get(row.month) ?? 0) + sends);
    let perMonth = channelMonthSends.get(row.channel_id);
    if (!perMonth) {
      perMonth = new Map();
      channelMonthSends.set(row.channel_id, perMonth);
    }
    perMonth.set(row.month, (perMonth.get(row.month) ?? 0) + sends);
  }

  const currentStart = monthStartUtc(new Date(to.getTime() - 1));
  const trend: CostMonth[] = [];
  for (let i = options.months - 1; i >= 0; i--) {
    const month = monthKey(monthStartUtc(currentStart, -i));
    const sends = monthSends.get(month) ?? 0;
    const billable = billableSends(sends, options.freeTier);
    trend.push({ month, sends, billableSends: billable, costUsd: usdFor(billable), current: i === 0 });
  }

  const currentMonth = trend[trend.length - 1] as CostMonth;
  const lastMonth = trend[trend.length - 2] as CostMonth;
  const daysInMonth = Math.round(
    (monthStartUtc(currentStart, 1).getTime() - currentStart.getTime()) / DAY_MS,
  );
  const elapsedDays = (to.getTime() - currentStart.getTime()) / DAY_MS;
  const projectedSends = Math.round((currentMonth.sends / elapsedDays) * daysInMonth);
  const projectedCostUsd = usdFor(billableSends(projectedSends, options.freeTier));
  const current: CurrentMonthProjection = {
    month: currentMonth.month,
    sends: currentMonth.sends,
    costUsd: currentMonth.costUsd,
    projectedSends,
    projectedCostUsd,
    lastMonthCostUsd: lastMonth.costUsd,
    changeVsLastMonth: lastMonth.costUsd > 0 ? projectedCostUsd / lastMonth.costUsd - 1 : null,
    dailyRunRateUsd: roundUsd(currentMonth.costUsd / elapsedDays),
    elapsedDays,
    daysInMonth,
    progress: Math.min(1, elapsedDays / daysInMonth),
  };

  const totalSends = trend.reduce((sum, month) => sum + month.sends, 0);
  const totalBillable = trend.reduce((sum, month) => sum + month.billableSends, 0);
  const totalCost = usdFor(totalBillable);
  const channels: CostChannel[] = [...channelMonthSends]
    .map(([channelId, perMonth]) => {
      const sends = [...perMonth.values()].reduce((sum, n) => sum + n, 0);
      const share = totalSends > 0 ? sends / totalSends : 0;
      return { channelId, sends, share, costUsd: roundUsd(totalCost * share) };
    })
    .sort((a, b) => b.sends - a.sends || a.channelId.localeCompare(b.channelId));

  return {
    rateCard: SES_RATE_CARD,
    freeTier: options.freeTier,
    from: from.toISOString(),
    to: to.toISOString(),
    current,
    trend,
    channels,
    totals: { sends: totalSends, costUsd: totalCost },
  };
}
