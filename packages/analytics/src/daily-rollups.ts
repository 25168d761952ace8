import { type AnalyticsStore, qualified } from './analytics-store.ts';

const DAY_MS = 86_400_000;

/**
 * For a report over [from, to): the whole UTC days inside it that ses_daily_counts may answer, as a
 * subquery of their dates (`day IN ...`; `toDate(event_time) NOT IN ...` for the rest), and its
 * parameters. A day is listed only while its rollup is current: rolled up by the compaction, and no
 * part of its partition written since (a late event, a merge, a TTL deletion) in the rollup's second or
 * later. Every other day comes from ses_events, so a report is exact whether or not the compaction has
 * reached a day or caught up with a late event yet.
 */
export function rolledUpDaysSql(
  store: AnalyticsStore,
  from: Date,
  to: Date,
): { sql: string; params: { rollupFrom: string; rollupTo: string; rollupDatabase: string } } {
  const firstWholeDay = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const endOfWholeDays = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS);
  return {
    // system.parts: `partition` is the day as text (YYYY-MM-DD); modification times are whole seconds.
    sql: `(SELECT rollups.day FROM (
             SELECT day, max(computed_at) AS rolled FROM ${qualified(store, 'ses_rollup_days')}
             WHERE day >= {rollupFrom:Date} AND day < {rollupTo:Date}
             GROUP BY day) AS rollups
           INNER JOIN (
             SELECT toDate(partition) AS day, max(modification_time) AS modified FROM system.parts
             WHERE database = {rollupDatabase:String} AND table = 'ses_events' AND active
               AND partition >= {rollupFrom:String} AND partition < {rollupTo:String}
             GROUP BY day) AS parts
           ON rollups.day = parts.day
           WHERE parts.modified < toDateTime(rollups.rolled))`,
    params: {
      rollupFrom: firstWholeDay.toISOString().slice(0, 10),
      rollupTo: endOfWholeDays.toISOString().slice(0, 10),
      rollupDatabase: store.database,
    },
  };
}
