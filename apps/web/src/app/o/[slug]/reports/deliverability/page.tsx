'use client';

import { useOrganization } from '../../../../../components/organization-context.tsx';
import {
  BarsCard,
  resourceState,
  TrendCard,
} from '../../../../../components/reports/deliverability/chart-cards.tsx';
import { COLORS, TrendChart } from '../../../../../components/reports/deliverability/charts.tsx';
import {
  bucketLabel,
  countText,
  EMPTY,
  msText,
  pctText,
} from '../../../../../components/reports/deliverability/format.ts';
import { ProviderTable } from '../../../../../components/reports/deliverability/provider-table.tsx';
import { Kpi, ReportCard } from '../../../../../components/reports/deliverability/report-card.tsx';
import { SuppressionListSection } from '../../../../../components/reports/messages/suppression-list.tsx';
import { useReportFilter } from '../../../../../components/reports/report-filter.tsx';
import { reportsDeliverabilityApi } from '../../../../../lib/api/reports-deliverability.ts';
import { useResource } from '../../../../../lib/use-resource.ts';
import '../../../../../components/reports/deliverability/deliverability.css';

const NO_SENDS =
  'No sends in this date range. Once your AWS account sends through a connected configuration set, bounces and complaints show up here — or pick a longer range.';

function tone(value: number | null, threshold: { warning: number; critical: number }) {
  if (value === null) return undefined;
  return value >= threshold.critical ? 'critical' : value >= threshold.warning ? 'warning' : 'ok';
}

/** The SES warning and critical levels of one rate as chart reference lines. */
function thresholdLines(level: { warning: number; critical: number }) {
  return [
    { value: level.warning, label: `Warning ${level.warning}%`, color: COLORS.warning },
    { value: level.critical, label: `Critical ${level.critical}%`, color: COLORS.critical },
  ];
}

/** `/o/[slug]/reports/deliverability`: headline rates, thresholds, reasons, providers, latency. */
export default function DeliverabilityPage() {
  const { slug } = useOrganization();
  const filter = useReportFilter();
  const deps = [slug, filter.queryString, filter.refreshTick];
  const report = useResource(() => reportsDeliverabilityApi.deliverability(slug, filter.queryString), deps);
  const providers = useResource(() => reportsDeliverabilityApi.providers(slug, filter.queryString), deps);
  const latency = useResource(() => reportsDeliverabilityApi.latency(slug, filter.queryString), deps);
  const data = report.data;
  const totals = data?.totals;
  const thresholds = data?.thresholds ?? {
    bounce: { warning: 5, critical: 10 },
    complaint: { warning: 0.08, critical: 0.1 },
  };
  const label = (start: string) => bucketLabel(start, data?.bucketSize ?? 'day', filter.timezone);
  const trend = (data?.trend ?? []).map((b) => ({ ...b, label: label(b.start) }));
  const bounceReasons = (data?.bounceReasons ?? []).map((r) => ({
    reason: `${r.category} (${r.bounceSubType || r.bounceType})`,
    bounces: r.bounces,
  }));
  const reportState = resourceState(report);

  return (
    <div data-testid="deliverability-tab">
      <div className="kpi-grid" data-testid="deliverability-kpis" aria-busy={report.loading}>
        <Kpi
          label="Hard Bounce %"
          testId="kpi-hard-bounce"
          value={pctText(totals?.hardBouncePct ?? null)}
          info="Permanent bounces ÷ sends (Send events, one per recipient), 2 decimals."
          sub={totals ? `${countText(totals.hardBounces)} of ${countText(totals.sends)} sends` : undefined}
        />
        <Kpi
          label="Soft Bounce %"
          testId="kpi-soft-bounce"
          value={pctText(totals?.softBouncePct ?? null)}
          info="Transient and undetermined bounces ÷ sends, 2 decimals."
          sub={totals ? `${countText(totals.softBounces)} of ${countText(totals.sends)} sends` : undefined}
        />
        <Kpi
          label="Total Bounce %"
          testId="kpi-total-bounce"
          value={pctText(totals?.totalBouncePct ?? null)}
          tone={tone(totals?.totalBouncePct ?? null, thresholds.bounce)}
          info="(Hard + soft bounces) ÷ sends. AWS reviews accounts above 5% (warning) and 10% (critical)."
          sub={`SES warning ${thresholds.bounce.warning}% · critical ${thresholds.bounce.critical}%`}
        />
        <Kpi
          label="Complaint Rate"
          testId="kpi-complaint"
          value={pctText(totals?.complaintPct ?? null, 3)}
          tone={tone(totals?.complaintPct ?? null, thresholds.complaint)}
          info="Complaints ÷ deliveries, 3 decimals. AWS reviews accounts above 0.08% (warning) and 0.1% (critical)."
          sub={`SES warning ${thresholds.complaint.warning}% · critical ${thresholds.complaint.critical}%`}
        />
        <Kpi
          label="Reputation Score"
          testId="kpi-reputation"
          value={
            totals?.reputationScore === null || totals === undefined ? EMPTY : `${totals.reputationScore}/100`
          }
          info="100 − 50 × min(1, bounce rate ÷ 10%) − 40 × min(1, complaint rate ÷ 0.1%) − 10 × (1 − delivery rate), rounded. Reaching an SES critical threshold costs 50 (bounces) or 40 (complaints) points."
          sub={totals ? `Delivery ${pctText(totals.deliveryPct)}` : undefined}
        />
      </div>

      <div className="report-grid">
        <TrendCard
          title="Bounce rate"
          testId="bounce-trend"
          info="Total and hard bounce % per day (per hour for ranges up to 48 hours) in your time zone, with the SES thresholds."
          {...reportState}
          emptyText={NO_SENDS}
          chartLabel="Bounce rate over time"
          data={trend}
          unit="%"
          series={[
            { key: 'totalBouncePct', name: 'Total bounce %', color: COLORS.primary },
            { key: 'hardBouncePct', name: 'Hard bounce %', color: COLORS.second },
          ]}
          references={thresholdLines(thresholds.bounce)}
        />
        <TrendCard
          title="Complaint rate"
          testId="complaint-trend"
          info="Complaints ÷ deliveries per day (or hour), with the SES thresholds."
          {...reportState}
          emptyText={NO_SENDS}
          chartLabel="Complaint rate over time"
          data={trend}
          unit="%"
          series={[{ key: 'complaintPct', name: 'Complaint %', color: COLORS.primary }]}
          references={thresholdLines(thresholds.complaint)}
        />
        <BarsCard
          title="Bounce Reasons"
          testId="bounce-reasons"
          info="Bounces by SES bounce type and sub-type, grouped into reason categories; % = share of all bounces in the range."
          {...reportState}
          emptyText="No bounces in this date range."
          chartLabel="Bounces by reason"
          category="reason"
          data={bounceReasons}
          series={[{ key: 'bounces', name: 'Bounces', color: COLORS.primary }]}
        />
        <ReportCard
          title="Complaint Reasons"
          testId="complaint-reasons"
          info="Complaints by ARF feedback type (abuse, not-spam, …); not-specified when the provider sent none. % = share of all complaints."
          {...reportState}
          empty={(data?.complaintReasons.length ?? 0) === 0}
          emptyText="No complaints in this date range."
        >
          <ul className="reason-list">
            {(data?.complaintReasons ?? []).map((r) => (
              <li key={r.feedbackType}>
                <span>{r.feedbackType}</span>
                <span className="muted">
                  {countText(r.complaints)} · {pctText(r.pct)}
                </span>
                <div className="progress" aria-hidden="true">
                  <span style={{ width: `${r.pct ?? 0}%` }} />
                </div>
              </li>
            ))}
          </ul>
        </ReportCard>
      </div>

      <div className="report-stack">
        <ReportCard
          title="Deliverability by Provider"
          testId="providers"
          info="Top 8 providers by sends, the rest under Other (always last). Bounce % and Complaint % are of sends; Reject % = rejects ÷ (sends + rejects). The pp change compares with the equal-length period just before; none for providers new in this period."
          {...resourceState(providers)}
          empty={(providers.data?.items.length ?? 0) === 0}
          emptyText={NO_SENDS}
        >
          <ProviderTable items={providers.data?.items ?? []} />
        </ReportCard>
        <ReportCard
          title="Delivery Latency"
          testId="latency"
          info="SES processing time until the recipient's server accepted the message (Delivery events). Pp = value at position ⌊p·n⌋ of the n sorted times."
          {...resourceState(latency)}
          empty={(latency.data?.totals.deliveries ?? 0) === 0}
          emptyText="No deliveries in this date range."
        >
          <div className="kpi-grid">
            <Kpi
              label="P50"
              testId="kpi-p50"
              value={msText(latency.data?.totals.p50 ?? null)}
              info="Half of deliveries took at most this long."
            />
            <Kpi
              label="P95"
              testId="kpi-p95"
              value={msText(latency.data?.totals.p95 ?? null)}
              info="95% of deliveries took at most this long."
            />
            <Kpi
              label="P99"
              testId="kpi-p99"
              value={msText(latency.data?.totals.p99 ?? null)}
              info="99% of deliveries took at most this long; only the slowest 1% took longer."
            />
          </div>
          <TrendChart
            label="Delivery latency over time"
            unit=" ms"
            data={(latency.data?.trend ?? []).map((b) => ({
              ...b,
              label: bucketLabel(b.start, latency.data?.bucketSize ?? 'day', filter.timezone),
            }))}
            series={[
              { key: 'p50', name: 'P50', color: COLORS.primary },
              { key: 'p95', name: 'P95', color: COLORS.second },
              { key: 'p99', name: 'P99', color: COLORS.third },
            ]}
          />
        </ReportCard>
      </div>
      <SuppressionListSection />
    </div>
  );
}
