'use client';

import { useOrganization } from '../../../../../components/organization-context.tsx';
import {
  BarsCard,
  resourceState,
  TrendCard,
} from '../../../../../components/reports/deliverability/chart-cards.tsx';
import { COLORS } from '../../../../../components/reports/deliverability/charts.tsx';
import { bucketLabel, countText, pctText } from '../../../../../components/reports/deliverability/format.ts';
import { Kpi, ReportCard } from '../../../../../components/reports/deliverability/report-card.tsx';
import { useReportFilter } from '../../../../../components/reports/report-filter.tsx';
import { reportsDeliverabilityApi } from '../../../../../lib/api/reports-deliverability.ts';
import { useResource } from '../../../../../lib/use-resource.ts';
import '../../../../../components/reports/deliverability/deliverability.css';

const NO_DELIVERIES =
  'No deliveries in this date range. Opens and clicks appear once SES delivers tracked HTML mail (open and click tracking on the configuration set) — or pick a longer range.';
const NO_TEMPLATE = '(no template)';
const OPEN_SERIES = { key: 'openPct', name: 'Open %', color: COLORS.primary };
const CLICK_SERIES = { key: 'clickPct', name: 'Click %', color: COLORS.second };

/** `/o/[slug]/reports/engagement`: open and click rates over time, by domain, by template. */
export default function EngagementPage() {
  const { slug } = useOrganization();
  const filter = useReportFilter();
  const report = useResource(
    () => reportsDeliverabilityApi.engagement(slug, filter.queryString),
    [slug, filter.queryString, filter.refreshTick],
  );
  const data = report.data;
  const trend = (data?.trend ?? []).map((b) => ({
    ...b,
    label: bucketLabel(b.start, data?.bucketSize ?? 'day', filter.timezone),
  }));
  const reportState = resourceState(report);
  const noDeliveries = (data?.totals.deliveries ?? 0) === 0;
  const templates = (data?.templates ?? []).map((t) => ({ ...t, name: t.template || NO_TEMPLATE }));

  return (
    <div data-testid="engagement-tab">
      <div className="kpi-grid" data-testid="engagement-kpis" aria-busy={report.loading}>
        <Kpi
          label="Open rate"
          testId="kpi-open-rate"
          value={pctText(data?.totals.openPct ?? null)}
          info="Distinct messages (per recipient) with at least one open ÷ deliveries, events in the range, 2 decimals. Privacy proxies pre-fetch images: a directional signal."
          sub={data ? `${countText(data.totals.uniqueOpens)} opened` : undefined}
        />
        <Kpi
          label="Click rate"
          testId="kpi-click-rate"
          value={pctText(data?.totals.clickPct ?? null)}
          info="Distinct messages (per recipient) with at least one click ÷ deliveries, 2 decimals."
          sub={data ? `${countText(data.totals.uniqueClicks)} clicked` : undefined}
        />
        <Kpi
          label="Delivered"
          testId="kpi-delivered"
          value={data ? countText(data.totals.deliveries) : '—'}
          info="Delivery events in the range: the denominator of both rates."
        />
      </div>

      <div className="report-grid">
        <TrendCard
          title="Open Rate Over Time"
          testId="open-trend"
          info="Per day (per hour for ranges up to 48 hours) in your time zone: opens and deliveries counted in the same bucket, so a bucket can rarely exceed 100%."
          {...reportState}
          emptyText={NO_DELIVERIES}
          chartLabel="Open rate over time"
          data={trend}
          unit="%"
          series={[OPEN_SERIES]}
        />
        <TrendCard
          title="Click Rate Over Time"
          testId="click-trend"
          info="Distinct clicked messages ÷ deliveries per day (or hour)."
          {...reportState}
          emptyText={NO_DELIVERIES}
          chartLabel="Click rate over time"
          data={trend}
          unit="%"
          series={[CLICK_SERIES]}
        />
        <BarsCard
          title="Engagement by Domain"
          testId="domain-engagement"
          info="The 10 recipient domains with the most deliveries: open % and click % of their deliveries."
          {...reportState}
          empty={noDeliveries}
          emptyText={NO_DELIVERIES}
          chartLabel="Open and click rate by recipient domain"
          category="recipientDomain"
          unit="%"
          data={data?.domains ?? []}
          series={[OPEN_SERIES, CLICK_SERIES]}
        />
        <BarsCard
          title="Engagement by Template"
          testId="template-engagement"
          info="Open % and click % of each template's deliveries (templates from the message's template tag)."
          {...reportState}
          empty={noDeliveries}
          emptyText={NO_DELIVERIES}
          chartLabel="Open and click rate by template"
          category="name"
          unit="%"
          data={templates.filter((t) => t.deliveries > 0).slice(0, 10)}
          series={[OPEN_SERIES, CLICK_SERIES]}
        />
      </div>

      <div className="report-stack">
        <ReportCard
          title="Template Performance"
          testId="template-performance"
          info="Sent = Send events; Open% and Click% = distinct opened/clicked messages ÷ delivered; Bounce% = bounces ÷ sent; Complaint% = complaints ÷ delivered (3 decimals). Events in the range."
          {...reportState}
          empty={templates.length === 0}
          emptyText="No templated or untemplated sends in this date range yet."
        >
          <div className="table-wrap">
            <table className="table template-table" data-testid="template-table">
              <thead>
                <tr>
                  <th>Template</th>
                  <th className="num">Sent</th>
                  <th className="num">Open%</th>
                  <th className="num">Click%</th>
                  <th className="num">Bounce%</th>
                  <th className="num">Complaint%</th>
                </tr>
              </thead>
              <tbody>
                {templates.map((t) => (
                  <tr key={t.template}>
                    <td>{t.template ? t.template : <span className="muted">{NO_TEMPLATE}</span>}</td>
                    <td className="num">{countText(t.sent)}</td>
                    <td className="num">{pctText(t.openPct)}</td>
                    <td className="num">{pctText(t.clickPct)}</td>
                    <td className="num">{pctText(t.bouncePct)}</td>
                    <td className="num">{pctText(t.complaintPct, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </ReportCard>
      </div>
    </div>
  );
}
