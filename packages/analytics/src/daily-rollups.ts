import { type AnalyticsStore, qualified } from './analytics-store.ts';

const DAY_MS = 86_400_000;

/**
 * For a report over [from, to): the whole UTC days inside it that ses_daily_counts may answer, as a
 * subquery of their dates (`day IN ...`; `toDate(event_time) NOT IN ...` for the rest), and its
 * parameters. Only days the compaction has rolled up are listed; everything else comes from ses_events.
 */
export function rolledUpDaysSql(
  store: AnalyticsStore,
  from: Date,
  to: Date,
): { sql: string; params: { rollupFrom: string; rollupTo: string } } {
  const firstWholeDay = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const endOfWholeDays = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS);
  return {
    sql: `(SELECT day FROM ${qualified(store, 'ses_rollup_days')}
           WHERE day >= {rollupFrom:Date} AND day < {rollupTo:Date})`,
    params: {
      rollupFrom: firstWholeDay.toISOString().slice(0, 10),
      rollupTo: endOfWholeDays.toISOString().slice(0, 10),
    },
  };
}
