import { ListQueryError } from './list-query-error.ts';

/**
 * Opaque keyset cursors: the sort key of the last row of a page, as base64url JSON. The time stays in
 * ClickHouse's own DateTime64(3) text form so comparisons in SQL are exact to the millisecond.
 */
const CLICKHOUSE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

/** (time, id, recipient): sent time + message id for messages, event time + event id for events. */
export interface KeysetPosition {
  time: string;
  id: string;
  recipient: string;
}

export function encodeKeyset(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.time, position.id, position.recipient])).toString('base64url');
}

export function decodeKeyset(value: string): KeysetPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      typeof parsed[0] === 'string' &&
      CLICKHOUSE_TIME.test(parsed[0]) &&
      typeof parsed[1] === 'string' &&
      typeof parsed[2] === 'string'
    ) {
      return { time: parsed[0], id: parsed[1], recipient: parsed[2] };
    }
  } catch {
    // fall through to the one error below
  }
  throw new ListQueryError('cursor is not a cursor this list returned');
}

/** A watermark for cheap polling: the newest `ingested_at` a view has seen. */
export function encodeWatermark(ingestedAt: string): string {
  return Buffer.from(ingestedAt).toString('base64url');
}

export function decodeWatermark(value: string): string {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  if (!CLICKHOUSE_TIME.test(text)) throw new ListQueryError('since is not a value this list returned');
  return text;
}

/** ClickHouse DateTime64(3) text (UTC) → ISO 8601. */
export function isoOf(clickhouseTime: string): string {
  return `${clickhouseTime.replace(' ', 'T')}Z`;
}
