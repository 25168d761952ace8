export { billableSends, roundUsd, SES_RATE_CARD, usdFor } from './rate-card.ts';
export {
  type CostChannel,
  type CostMonth,
  type CurrentMonthProjection,
  type SesCostOptions,
  type SesCostReport,
  sesCostReport,
  sesCostWindow,
  type TrendMonths,
} from './ses-costs.ts';
