export { previousPeriod, type ReportFilter } from './report-filter.ts';
export {
  startOfZonedDay,
  startOfZonedMonth,
  type WallClock,
  wallClockOf,
  zonedDateKey,
  zonedMidnight,
  zonedMonthKey,
} from './zoned-time.ts';
