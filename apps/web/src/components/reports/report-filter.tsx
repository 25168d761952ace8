'use client';

// The state of the Reports section's shared controls, kept in the URL search params so a view can be
// bookmarked and shared: `range` (a preset, or `custom` with `start`/`end` inclusive days), `channel`
// (uuid) and `refresh=1` (auto-refresh). Everything below the Reports layout reads it through
// `useReportFilter()`.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { WeekStart } from '../../lib/api/types.ts';
import { useSession } from '../session.tsx';
import {
  addDays,
  DEFAULT_PRESET,
  isPreset,
  type PresetId,
  parseDay,
  presetDays,
  todayIn,
} from './date-range.ts';

export const AUTO_REFRESH_MS = 30_000;

/** What the report endpoints take (shared query string of `GET /api/orgs/:slug/reports/*`). */
export interface ReportQuery {
  from: string;
  to: string;
  tz: string;
  channel?: string;
}

export interface ReportFilterState {
  /** The preset in use, or `custom`. */
  range: PresetId | 'custom';
  /** Inclusive first and last day, in `timezone`. */
  start: string;
  end: string;
  timezone: string;
  weekStart: WeekStart;
  channel: string | null;
  autoRefresh: boolean;
  /** The API query for the current view (`to` exclusive). */
  query: ReportQuery;
  /** `from=…&to=…&tz=…[&channel=…]`, ready to append to a report URL. */
  queryString: string;
  /** Changes every auto-refresh tick: put it in a data hook's deps to poll. */
  refreshTick: number;
  setPreset: (preset: PresetId) => void;
  setCustom: (start: string, end: string) => void;
  setChannel: (channel: string | null) => void;
  setAutoRefresh: (on: boolean) => void;
  /** Extra query parameters the current tab adds to its CSV export (e.g. a list filter). */
  exportParams: Record<string, string>;
  setExportParams: (params: Record<string, string>) => void;
}

const ReportFilterContext = createContext<ReportFilterState | null>(null);

export function toQueryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return params.toString();
}

/** Ticks every 30 s while on and the tab is visible; a tab coming back to view refreshes at once. */
function useRefreshTick(on: boolean): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    let timer: number | undefined;
    const start = () => {
      window.clearInterval(timer);
      timer = window.setInterval(() => setTick((value) => value + 1), AUTO_REFRESH_MS);
    };
    const onVisibility = () => {
      if (document.hidden) {
        window.clearInterval(timer);
      } else {
        setTick((value) => value + 1);
        start();
      }
    };
    if (!document.hidden) start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [on]);
  return tick;
}

export function ReportFilterProvider({ children }: { children: ReactNode }) {
  const { me, timezone } = useSession();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [exportParams, setExportParams] = useState<Record<string, string>>({});

  const rawRange = params.get('range');
  const customStart = parseDay(params.get('start'));
  const customEnd = parseDay(params.get('end'));
  const isCustom = rawRange === 'custom' && customStart && customEnd && customStart <= customEnd;
  const range: PresetId | 'custom' = isCustom ? 'custom' : isPreset(rawRange) ? rawRange : DEFAULT_PRESET;
  const today = todayIn(timezone);
  const { start, end } =
    range === 'custom' && customStart && customEnd
      ? { start: customStart, end: customEnd }
      : presetDays(range === 'custom' ? DEFAULT_PRESET : range, today);
  const channel = params.get('channel') || null;
  const autoRefresh = params.get('refresh') === '1';
  const refreshTick = useRefreshTick(autoRefresh);

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  const value = useMemo<ReportFilterState>(() => {
    const query: ReportQuery = { from: start, to: addDays(end, 1), tz: timezone };
    if (channel) query.channel = channel;
    return {
      range,
      start,
      end,
      timezone,
      weekStart: me.user.weekStart,
      channel,
      autoRefresh,
      query,
      queryString: toQueryString({ ...query }),
      refreshTick,
      setPreset: (preset) => update({ range: preset, start: null, end: null }),
      setCustom: (from, to) => update({ range: 'custom', start: from, end: to }),
      setChannel: (id) => update({ channel: id }),
      setAutoRefresh: (on) => update({ refresh: on ? '1' : null }),
      exportParams,
      setExportParams,
    };
  }, [
    range,
    start,
    end,
    timezone,
    me.user.weekStart,
    channel,
    autoRefresh,
    refreshTick,
    update,
    exportParams,
  ]);

  return <ReportFilterContext.Provider value={value}>{children}</ReportFilterContext.Provider>;
}

/** The shared report controls' state; only below the Reports layout (or another ReportFilterProvider). */
export function useReportFilter(): ReportFilterState {
  const state = useContext(ReportFilterContext);
  if (!state) throw new Error('useReportFilter outside ReportFilterProvider');
  return state;
}

/**
 * Lets a tab add its own parameters to the CSV export (they are cleared when the tab unmounts).
 * Pass a stable object (useMemo) to avoid needless updates.
 */
export function useReportExportParams(params: Record<string, string>): void {
  const { setExportParams } = useReportFilter();
  const key = JSON.stringify(params);
  useEffect(() => {
    setExportParams(JSON.parse(key) as Record<string, string>);
    return () => setExportParams({});
  }, [key, setExportParams]);
}
