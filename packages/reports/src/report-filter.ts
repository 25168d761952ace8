/**
 * What every report reads: one organization, a half-open time range [from, to) in UTC, the user's
 * timezone (day buckets and "today" follow it, spec: reports use the viewer's timezone), and optionally
 * one channel. Routes build it from the shared query string; report functions never read the clock.
 */
export interface ReportFilter {
  organizationId: string;
  from: Date;
  to: Date;
  /** IANA name, e.g. `Europe/Berlin`; validated at the edge. */
  timezone: string;
  /** Channel uuid; undefined = all channels. */
  channelId?: string | undefined;
}

/** The period of equal length immediately before the filter's range (for deltas). */
export function previousPeriod(filter: ReportFilter): ReportFilter {
  const length = filter.to.getTime() - filter.from.getTime();
  return { ...filter, from: new Date(filter.from.getTime() - length), to: new Date(filter.from.getTime()) };
}
