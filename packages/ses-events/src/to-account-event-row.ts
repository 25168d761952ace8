import { asClickhouseTime } from './clickhouse-time.ts';
import type { AccountEventEnvelope } from './envelope-schema.ts';
import { type AccountEventRow, toClickhouseTime } from './event-row.ts';

export interface AccountEventContext {
  organizationId: string;
  /** ISO 8601 or ClickHouse `YYYY-MM-DD hh:mm:ss.sss` (UTC). */
  ingestedAt: string;
  /** The request body exactly as received. */
  raw: string;
}

/** One `ses_account_events` row; `detail` is kept verbatim as JSON since its shape varies by detail-type. */
export function toAccountEventRow(envelope: AccountEventEnvelope, ctx: AccountEventContext): AccountEventRow {
  return {
    organization_id: ctx.organizationId,
    event_id: envelope.id,
    detail_type: envelope['detail-type'],
    event_time: toClickhouseTime(envelope.time),
    aws_account_id: envelope.account,
    aws_region: envelope.region,
    detail: JSON.stringify(envelope.detail),
    raw: ctx.raw,
    ingested_at: asClickhouseTime(ctx.ingestedAt),
  };
}
