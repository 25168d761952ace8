import { toClickhouseTime } from '@sendops/ses-events';
import type { Exclusion } from '../store/exclusions-store.ts';
import { DATETIME } from './rule-set-sql.ts';

/**
 * Active exclusions (they live in Postgres) shipped with the query as two parallel array parameters,
 * unrolled into a CTE `exclusions(address, cleared_at)` that the query hash-joins. The client moves
 * large parameters into a multipart body (use_multipart_params_auto), so even 200k exclusions stay
 * one request; chDB binds them in-process.
 */
export function exclusionsCte(exclusions: readonly Exclusion[]): {
  sql: string;
  params: Record<string, unknown>;
} {
  return {
    sql: `exclusions AS (
      SELECT tupleElement(e, 1) AS address, tupleElement(e, 2) AS cleared_at
      FROM (SELECT arrayJoin(arrayZip({ex_addresses:Array(String)}, {ex_cleared:Array(${DATETIME})})) AS e)
    )`,
    params: {
      ex_addresses: exclusions.map((e) => e.address),
      ex_cleared: exclusions.map((e) => toClickhouseTime(e.clearedAt)),
    },
  };
}
