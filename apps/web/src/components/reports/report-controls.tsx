'use client';

import { useState } from 'react';
import { channelsApi } from '../../lib/api/channels.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Icon } from '../icons.tsx';
import { useCan, useOrganization } from '../organization-context.tsx';
import { Popover } from '../ui.tsx';
import {
  daysBetween,
  MAX_CUSTOM_DAYS,
  monthGrid,
  PRESETS,
  rangeLabel,
  shiftMonth,
  todayIn,
  weekdayLabels,
} from './date-range.ts';
import { toQueryString, useReportFilter } from './report-filter.tsx';

/** The controls bar of the Reports section: range, channel, auto-refresh, export. */
export function ReportControls({ exportPath }: { exportPath: string | null }) {
  return (
    <div className="report-controls" role="toolbar" aria-label="Report filters">
      <DateRangePicker />
      <ChannelFilter />
      <div className="report-controls-spacer" />
      <AutoRefreshToggle />
      {exportPath && <ExportCsvButton path={exportPath} />}
    </div>
  );
}

export function DateRangePicker() {
  const filter = useReportFilter();
  const preset = PRESETS.find((p) => p.id === filter.range);
  return (
    <Popover
      label={`Date range: ${rangeLabel(filter.start, filter.end)}`}
      align="left"
      buttonClassName="btn report-range-button"
      button={
        <>
          <Icon name="calendar" />
          <span>{preset ? preset.label : 'Custom'}</span>
          <span className="muted report-range-days">{rangeLabel(filter.start, filter.end)}</span>
        </>
      }
    >
      {(close) => (
        <div className="report-range-popover">
          <ul className="report-presets" aria-label="Presets">
            {PRESETS.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  role="menuitemradio"
                  aria-checked={filter.range === p.id}
                  className="report-preset"
                  onClick={() => {
                    filter.setPreset(p.id);
                    close();
                  }}
                >
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
          <CustomRange
            onApply={(start, end) => {
              filter.setCustom(start, end);
              close();
            }}
          />
        </div>
      )}
    </Popover>
  );
}

/** A month calendar (the user's week start): click the first day, then the last. */
function CustomRange({ onApply }: { onApply: (start: string, end: string) => void }) {
  const filter = useReportFilter();
  const today = todayIn(filter.timezone);
  const [month, setMonth] = useState(filter.end.slice(0, 7));
  const [start, setStart] = useState<string | null>(filter.range === 'custom' ? filter.start : null);
  const [end, setEnd] = useState<string | null>(filter.range === 'custom' ? filter.end : null);
  const tooLong = start && end ? daysBetween(start, end) + 1 > MAX_CUSTOM_DAYS : false;

  const pick = (day: string) => {
    if (!start || end) {
      setStart(day);
      setEnd(null);
    } else if (day < start) {
      setEnd(start);
      setStart(day);
    } else {
      setEnd(day);
    }
  };
  const monthLabel = new Intl.DateTimeFormat('en', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));

  return (
    <fieldset className="report-calendar">
      <legend className="sr-only">Custom range</legend>
      <div className="spread">
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-label="Previous month"
          onClick={() => setMonth(shiftMonth(month, -1))}
        >
          ‹
        </button>
        <strong>{monthLabel}</strong>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-label="Next month"
          disabled={month >= today.slice(0, 7)}
          onClick={() => setMonth(shiftMonth(month, 1))}
        >
          ›
        </button>
      </div>
      <table className="report-calendar-grid">
        <thead>
          <tr>
            {weekdayLabels(filter.weekStart).map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(month, filter.weekStart).map((week) => (
            <tr key={week.find(Boolean) ?? month}>
              {week.map((day, index) =>
                day ? (
                  <td key={day}>
                    <button
                      type="button"
                      className="report-day"
                      disabled={day > today}
                      aria-label={day}
                      aria-pressed={day === start || day === end}
                      data-in-range={start && end && day > start && day < end ? 'true' : undefined}
                      onClick={() => pick(day)}
                    >
                      {Number(day.slice(8))}
                    </button>
                  </td>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: padding cells have no identity
                  <td key={`pad-${index}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="spread small">
        <span className="muted">
          {start ? rangeLabel(start, end ?? start) : 'Pick the first day'}
          {tooLong && <span className="field-error"> · at most {MAX_CUSTOM_DAYS} days</span>}
        </span>
        <button
          type="button"
          className="btn btn-primary btn-sm"
          disabled={!start || tooLong}
          onClick={() => start && onApply(start, end ?? start)}
        >
          Apply
        </button>
      </div>
      <p className="faint small">Days in {filter.timezone}.</p>
    </fieldset>
  );
}

export function ChannelFilter() {
  const membership = useOrganization();
  const filter = useReportFilter();
  const canList = useCan('channels.view');
  const channels = useResource(
    () => (canList ? channelsApi.list(membership.slug) : Promise.resolve({ items: [], nextCursor: null })),
    [membership.slug, canList],
  );
  const items = channels.data?.items ?? [];
  if (!canList) return null;
  return (
    <label className="report-channel">
      <span className="sr-only">Channel</span>
      <select
        className="select"
        value={filter.channel ?? ''}
        onChange={(event) => filter.setChannel(event.target.value || null)}
        disabled={channels.loading && !channels.data}
      >
        <option value="">All channels</option>
        {items.map((channel) => (
          <option key={channel.id} value={channel.id}>
            {channel.name}
          </option>
        ))}
        {filter.channel && !channels.loading && !items.some((c) => c.id === filter.channel) && (
          <option value={filter.channel}>Unknown channel</option>
        )}
      </select>
    </label>
  );
}

export function AutoRefreshToggle() {
  const filter = useReportFilter();
  return (
    <label className="switch report-refresh" title="Reload every 30 seconds while this tab is visible">
      <input
        type="checkbox"
        checked={filter.autoRefresh}
        onChange={(event) => filter.setAutoRefresh(event.target.checked)}
      />
      <span>Auto-refresh</span>
    </label>
  );
}

/**
 * Downloads `<path>?<current filter>&format=csv` (a plain link: the browser streams the file with the
 * session cookie). Shown only to roles holding `reports.export`.
 */
export function ExportCsvButton({
  path,
  extraParams,
  permission = 'reports.export',
}: {
  /** Under `/api/orgs/:slug`, e.g. `/reports/messages`. */
  path: string;
  extraParams?: Record<string, string>;
  permission?: string;
}) {
  const membership = useOrganization();
  const filter = useReportFilter();
  const allowed = useCan(permission);
  if (!allowed) return null;
  const qs = toQueryString({ ...filter.query, ...filter.exportParams, ...extraParams, format: 'csv' });
  const href = `/api/orgs/${encodeURIComponent(membership.slug)}${path}?${qs}`;
  return (
    <a className="btn" href={href} download>
      <Icon name="download" />
      Export CSV
    </a>
  );
}
