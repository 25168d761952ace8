'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import {
  formatChange,
  formatCount,
  formatUsd,
  monthLabel,
} from '../../../../../components/billing/format-usd.ts';
import { SesCostChart } from '../../../../../components/billing/ses-cost-chart.tsx';
import { Icon } from '../../../../../components/icons.tsx';
import {
  RequirePermission,
  useCan,
  useOrganization,
} from '../../../../../components/organization-context.tsx';
import { ErrorState, Loading, Popover, Spinner } from '../../../../../components/ui.tsx';
import {
  billingApi,
  type SesCostReport,
  sesCostsPath,
  type TrendMonths,
} from '../../../../../lib/api/billing.ts';
import { orgPath } from '../../../../../lib/navigation.ts';
import { useResource } from '../../../../../lib/use-resource.ts';
import '../../../../../components/reports/reports.css';

export default function SesCostsPage() {
  return (
    <RequirePermission anyOf={['billing.ses_costs.view']}>
      <Suspense fallback={<Loading />}>
        <SesCosts />
      </Suspense>
    </RequirePermission>
  );
}

function InfoTip({ text }: { text: string }) {
  return (
    <span className="info-tip" title={text} role="img" aria-label={text}>
      i
    </span>
  );
}

const MONTH_CHOICES: TrendMonths[] = [3, 6, 12];

function SesCosts() {
  const membership = useOrganization();
  const canExport = useCan('billing.ses_costs.export');
  // Kept in the URL (`months`, `freeTier=off`), so a reload or a shared link shows the same view.
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const months = (MONTH_CHOICES.find((m) => String(m) === params.get('months')) ?? 6) as TrendMonths;
  const freeTier = params.get('freeTier') !== 'off';
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  const setMonths = (value: TrendMonths) => update({ months: value === 6 ? null : String(value) });
  const setFreeTier = (on: boolean) => update({ freeTier: on ? null : 'off' });
  const report = useResource(
    () => billingApi.sesCosts(membership.slug, months, freeTier),
    [membership.slug, months, freeTier],
  );
  const data = report.data;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Billing</h1>
          <p>Estimated AWS SES sending costs from {membership.name}'s email volume.</p>
        </div>
      </div>
      <nav className="tabs" aria-label="Billing sections">
        <Link className="tab" href={orgPath(membership.slug, '/billing/ses-costs')} aria-current="page">
          SES Costs
        </Link>
      </nav>

      <div className="report-controls" role="toolbar" aria-label="Cost options">
        <fieldset className="segmented" aria-label="Trend range">
          {MONTH_CHOICES.map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={months === choice}
              onClick={() => setMonths(choice)}
            >
              {choice} months
            </button>
          ))}
        </fieldset>
        <label
          className="switch report-refresh"
          title="First 62,000 emails a month free when sending from EC2"
        >
          <input type="checkbox" checked={freeTier} onChange={(event) => setFreeTier(event.target.checked)} />
          <span>EC2 free tier</span>
        </label>
        <div className="report-controls-spacer" />
        {report.loading && data && <Spinner label="Updating" />}
        <span className="badge" title="The published SES rate card these estimates use">
          Rate card {data?.rateCard.version ?? '2025-01'}
        </span>
        {canExport && (
          <Popover
            label="Export CSV"
            buttonClassName="btn"
            button={
              <>
                <Icon name="download" />
                Export CSV
              </>
            }
          >
            {(close) => (
              <>
                {(['month', 'channel'] as const).map((by) => (
                  <a
                    key={by}
                    className="menu-item"
                    role="menuitem"
                    href={sesCostsPath(membership.slug, { months, freeTier, format: 'csv', by })}
                    download
                    onClick={close}
                  >
                    By {by === 'month' ? 'Month' : 'Channel'}
                  </a>
                ))}
              </>
            )}
          </Popover>
        )}
      </div>

      <p className="muted small" style={{ marginBottom: 16 }}>
        Estimates from your Send events at $0.10 per 1,000 emails. They leave out data transfer, dedicated IPs
        and other AWS charges; your AWS bill may differ.
      </p>

      {report.error && !data ? (
        <ErrorState error={report.error} onRetry={() => void report.reload()} />
      ) : !data ? (
        <Loading />
      ) : (
        <CostReport data={data} months={months} />
      )}
    </>
  );
}

function CostReport({ data, months }: { data: SesCostReport; months: TrendMonths }) {
  const { current } = data;
  const change = current.changeVsLastMonth;
  const day = Math.min(current.daysInMonth, Math.floor(current.elapsedDays) + 1);
  return (
    <div className="stack">
      <section className="kpi-grid" aria-label={`${monthLabel(current.month, true)} projection`}>
        <div className="kpi" data-testid="kpi-month-to-date">
          <div className="kpi-label">
            Month to date
            <InfoTip text="Estimated cost of this calendar month (UTC, as AWS bills) so far. One send = one recipient of a Send event." />
          </div>
          <div className="kpi-value">{formatUsd(current.costUsd)}</div>
          <div className="kpi-sub">{formatCount(current.sends)} emails sent</div>
        </div>
        <div className="kpi" data-testid="kpi-projected">
          <div className="kpi-label">
            Projected total
            <InfoTip text="Cost of the month's projected sends: sends so far ÷ elapsed days × days in the month, free tier applied to that total." />
          </div>
          <div className="kpi-value">{formatUsd(current.projectedCostUsd)}</div>
          <div className="kpi-sub">
            {change === null ? (
              'No cost last month to compare'
            ) : (
              <span style={{ color: change > 0 ? 'var(--danger)' : 'var(--success)' }}>
                {formatChange(change)} vs last month ({formatUsd(current.lastMonthCostUsd)})
              </span>
            )}
          </div>
        </div>
        <div className="kpi" data-testid="kpi-run-rate">
          <div className="kpi-label">
            Daily run rate
            <InfoTip text="Month-to-date cost ÷ days elapsed this month." />
          </div>
          <div className="kpi-value">{formatUsd(current.dailyRunRateUsd)}</div>
          <div className="kpi-sub">per day</div>
        </div>
        <div className="kpi" data-testid="kpi-progress">
          <div className="kpi-label">Month progress</div>
          <div className="kpi-value">{Math.round(current.progress * 100)}%</div>
          <div
            className="progress"
            role="progressbar"
            aria-label="Month progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(current.progress * 100)}
          >
            <span style={{ width: `${current.progress * 100}%` }} />
          </div>
          <div className="kpi-sub">
            Day {day} of {current.daysInMonth}
          </div>
        </div>
      </section>

      <section className="card">
        <div className="card-header">
          <h2 className="section-title">Monthly cost trend</h2>
          <span className="muted small">Last {months} months</span>
        </div>
        <div className="card-body">
          {data.totals.sends === 0 ? <EmptyCosts /> : <SesCostChart trend={data.trend} />}
        </div>
      </section>

      <section className="card">
        <div className="card-header">
          <h2 className="section-title">
            Channel breakdown{' '}
            <InfoTip text="Each channel's cost is its share of the period's sends times the period's estimated cost." />
          </h2>
          <span className="muted small">
            {monthLabel(data.trend[0]?.month ?? current.month)} – {monthLabel(current.month)}
          </span>
        </div>
        {data.channels.length === 0 ? (
          <div className="card-body">
            <EmptyCosts />
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  <th scope="col" style={{ textAlign: 'right' }}>
                    Send count
                  </th>
                  <th scope="col" style={{ textAlign: 'right' }}>
                    Estimated cost
                  </th>
                  <th scope="col">% of total</th>
                </tr>
              </thead>
              <tbody>
                {data.channels.map((channel) => (
                  <tr key={channel.channelId || 'unassigned'}>
                    <td>{channel.name}</td>
                    <td className="nowrap" style={{ textAlign: 'right' }}>
                      {formatCount(channel.sends)}
                    </td>
                    <td className="nowrap" style={{ textAlign: 'right' }}>
                      {formatUsd(channel.costUsd)}
                    </td>
                    <td style={{ minWidth: 140 }}>
                      <div className="row" style={{ gap: 8, flexWrap: 'nowrap' }}>
                        <div className="progress" style={{ flex: 1 }}>
                          <span style={{ width: `${channel.share * 100}%` }} />
                        </div>
                        <span className="small nowrap">{(channel.share * 100).toFixed(1)}%</span>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <th style={{ textAlign: 'right' }}>{formatCount(data.totals.sends)}</th>
                  <th style={{ textAlign: 'right' }}>{formatUsd(data.totals.costUsd)}</th>
                  <th>100%</th>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function EmptyCosts() {
  return (
    <div className="empty">
      <p>
        <strong>No emails sent in this period yet.</strong>
      </p>
      <p className="muted">
        Costs are estimated from the Send events SES reports to SendOps. Once your AWS account is connected
        and mail goes out through one of your channels, this page fills in by itself.
      </p>
    </div>
  );
}
