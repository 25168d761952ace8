export { previousPeriod, type ReportFilter } from './report-filter.ts';
