export * from './costs/index.ts';
export * from './deliverability/index.ts';
export * from './engagement/index.ts';
export * from './messages/index.ts';
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
