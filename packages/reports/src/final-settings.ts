import { FINAL_SETTINGS } from '@sendops/analytics';

/**
 * FINAL with the WHERE moved to PREWHERE. ClickHouse keeps that off under FINAL by default: filtering
 * rows before they collapse could keep an older version of a key whose newer version fails the filter.
 * The copies of one row in `ses_events` are retries of the same SES event, so every column a query here
 * filters on is either in the sorting key or equal in every copy, and filtering first keeps exactly the
 * rows FINAL would. Worth it where the filter is selective (message ids, one recipient): the other
 * columns are then read only for the granules that hold matches.
 */
export const FILTERED_FINAL_SETTINGS = { ...FINAL_SETTINGS, optimize_move_to_prewhere_if_final: 1 } as const;
