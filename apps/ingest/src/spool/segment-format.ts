import { crc32 } from 'node:zlib';
import type { AccountEventRow, DeadLetterRow, EventRow } from '@sendops/ses-events';

/** What the spool holds: one record per acknowledged request, its rows as ClickHouse will store them. */
export type SpoolRecord =
  | { t: 'events'; rows: EventRow[] }
  | { t: 'account'; row: AccountEventRow }
  | { t: 'dead'; row: DeadLetterRow };

export type RecordKind = SpoolRecord['t'];

const KIND_CODE: Record<RecordKind, string> = { events: 'e', account: 'a', dead: 'd' };
const KIND_BY_CODE: Record<number, RecordKind> = { 101: 'events', 97: 'account', 100: 'dead' };
const LF = 0x0a;
const SPACE = 0x20;
const TAB = '\t';

/**
 * One line per record:
 *
 *     <CRC-32 of the rest of the line, 8 hex> SP <kind: e|a|d><row count> SP <row> [TAB <row>]... LF
 *
 * Each row is a JSONEachRow object ready for ClickHouse, so the loader inserts the segment's bytes as
 * they are instead of parsing and re-serializing every record on the event loop. Rows never hold a raw
 * TAB or LF (JSON.stringify escapes control characters; `encodeEventRows` embeds a request body as a
 * JSON object only when it has neither), so rows split on TAB and lines on LF exactly, and ClickHouse
 * reads the TAB between rows as whitespace. A torn write at a crash leaves a line whose checksum fails;
 * only unacknowledged records can be torn (a record is acknowledged after its write is synced), so such
 * lines are skipped safely.
 */
export function encodeRecord(record: SpoolRecord): Buffer {
  const rows: readonly object[] = record.t === 'events' ? record.rows : [record.row];
  const pieces: string[] = [];
  for (let i = 0; i < rows.length; i++)
    pieces.push(i === 0 ? JSON.stringify(rows[i]) : `\t${JSON.stringify(rows[i])}`);
  return encodeLine({ t: record.t, rows: rows.length, pieces });
}

/**
 * A record whose rows are already JSONEachRow text (e.g. from `encodeEventRows`): `pieces` joined are
 * `rows` JSON objects separated by TAB, with no raw TAB or LF inside them; byte pieces are UTF-8. Each
 * piece is copied into the line as it is, so a large one (the request body) is never first copied into
 * an intermediate string.
 */
export interface EncodedRecord {
  t: RecordKind;
  rows: number;
  pieces: readonly (string | Uint8Array)[];
}

export function encodeLine(record: EncodedRecord): Buffer {
  const header = `00000000 ${KIND_CODE[record.t]}${record.rows} `;
  const { pieces } = record;
  let at = header.length;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    at += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length;
  }
  const line = Buffer.allocUnsafe(at + 1);
  let cursor = line.write(header, 0, 'latin1');
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (typeof piece === 'string') cursor += line.write(piece, cursor, 'utf8');
    else {
      line.set(piece, cursor);
      cursor += piece.length;
    }
  }
  line[at] = LF;
  line.write(crc32(line.subarray(9, at)).toString(16).padStart(8, '0'), 0, 'latin1');
  return line;
}

export function rowCount(record: SpoolRecord): number {
  return record.t === 'events' ? record.rows.length : 1;
}

/** One intact line of a segment. */
export interface RawRecord {
  kind: RecordKind;
  rows: number;
  /** The whole line without its LF (checksum included), e.g. to quarantine it as it was. */
  line: Buffer;
  /** Offset of the first row in `line`. */
  payloadAt: number;
  /** Read from the previous format and re-encoded: `line` is not part of the segment's bytes. */
  upgraded: boolean;
}

/** The intact records of a segment, in order, and the number of lines that failed their checksum. */
export function readRecords(content: Buffer): { records: RawRecord[]; corruptLines: number } {
  const records: RawRecord[] = [];
  let corruptLines = 0;
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf(LF, start);
    if (end === -1) end = content.length;
    const line = content.subarray(start, end);
    start = end + 1;
    if (line.length === 0) continue;
    const record = isLegacyLine(line) ? upgradeLegacyLine(line) : checkLine(line);
    if (record) records.push(record);
    else corruptLines++;
  }
  return { records, corruptLines };
}

/** A batch for one table: JSONEachRow bytes and how many rows they hold. */
export interface InsertBody {
  body: Buffer;
  rows: number;
}

export interface PreparedSegment {
  /** `ses_events` batches of about `maxRows` rows each (whole records), in segment order. */
  events: InsertBody[];
  account: InsertBody | undefined;
  dead: InsertBody | undefined;
  records: number;
  corruptLines: number;
}

/**
 * Turns a segment into insert bodies. The event batches are slices of `content` itself: each line's
 * checksum header and every other line are overwritten with spaces (JSON whitespace), so no event byte
 * is copied. Mutates `content`. Batching depends only on the bytes, so a segment replayed after a crash
 * yields the same batches (and the same dedupe tokens).
 */
export function prepareSegment(content: Buffer, maxRows: number): PreparedSegment {
  const { records, corruptLines } = readRecords(content);
  // Segments written before this format (upgraded in memory): lay their lines out afresh.
  if (records.some((r) => r.upgraded))
    return { ...prepareSegment(joinLines(records), maxRows), corruptLines };

  const events: InsertBody[] = [];
  const others = { account: [] as Buffer[], dead: [] as Buffer[] };
  const base = content.byteOffset;
  let from = -1;
  let to = 0;
  let rows = 0;
  const closeBatch = () => {
    if (from >= 0) events.push({ body: content.subarray(from, to), rows });
    from = -1;
    rows = 0;
  };
  let cursor = 0;
  for (const record of records) {
    const at = record.line.byteOffset - base;
    // Whatever lies between intact lines (a torn line, blank lines) becomes whitespace.
    content.fill(SPACE, cursor, at);
    cursor = at + record.line.length;
    if (record.kind === 'events') {
      content.fill(SPACE, at, at + record.payloadAt);
      if (from < 0) from = at;
      to = Math.min(content.length, cursor + 1);
      rows += record.rows;
      if (rows >= maxRows) closeBatch();
    } else {
      others[record.kind].push(Buffer.from(record.line.subarray(record.payloadAt)), NEWLINE);
      content.fill(SPACE, at, cursor);
    }
  }
  closeBatch();
  // One row per account or dead-letter record, each part followed by its newline.
  const joined = (parts: Buffer[]) =>
    parts.length === 0 ? undefined : { body: Buffer.concat(parts), rows: parts.length / 2 };
  return {
    events,
    account: joined(others.account),
    dead: joined(others.dead),
    records: records.length,
    corruptLines,
  };
}

/**
 * `prepareSegment` for a segment still in memory as this process wrote it: `content` is the file's
 * bytes, `starts` the offset of every line (all intact) and `rowCounts` their rows. The same batches,
 * made the same way in place (headers and other lines blanked), without the checksum pass and line
 * search a file read back needs. Mutates `content`: prepare it once.
 */
export function prepareWritten(
  content: Buffer,
  starts: readonly number[],
  rowCounts: readonly number[],
  maxRows: number,
): PreparedSegment {
  const events: InsertBody[] = [];
  const others = { account: [] as Buffer[], dead: [] as Buffer[] };
  let from = -1;
  let to = 0;
  let rows = 0;
  for (let i = 0; i < starts.length; i++) {
    const at = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : content.length; // past the line's LF
    const kind = KIND_BY_CODE[content[at + 9]!]!;
    const payloadAt = content.indexOf(SPACE, at + 10) + 1;
    if (kind === 'events') {
      content.fill(SPACE, at, payloadAt);
      if (from < 0) from = at;
      to = end;
      rows += rowCounts[i]!;
      if (rows >= maxRows) {
        events.push({ body: content.subarray(from, to), rows });
        from = -1;
        rows = 0;
      }
    } else {
      others[kind].push(Buffer.from(content.subarray(payloadAt, end)));
      content.fill(SPACE, at, end);
    }
  }
  if (from >= 0) events.push({ body: content.subarray(from, to), rows });
  const joined = (parts: Buffer[]) =>
    parts.length === 0 ? undefined : { body: Buffer.concat(parts), rows: parts.length };
  return {
    events,
    account: joined(others.account),
    dead: joined(others.dead),
    records: starts.length,
    corruptLines: 0,
  };
}

/**
 * Records as objects (tests, tools, quarantine inspection): parses every row. A `raw` column the
 * ingest wrote as the body's JSON object (see `encodeEventRows`) comes back parsed, as an object.
 */
export function decodeSegment(content: Buffer): { records: SpoolRecord[]; corruptLines: number } {
  const { records, corruptLines } = readRecords(content);
  return { records: records.map(toSpoolRecord), corruptLines };
}

export function toSpoolRecord(record: RawRecord): SpoolRecord {
  const rows = record.line
    .subarray(record.payloadAt)
    .toString('utf8')
    .split(TAB)
    .map((json) => JSON.parse(json) as unknown);
  if (record.kind === 'events') return { t: 'events', rows: rows as EventRow[] };
  if (record.kind === 'account') return { t: 'account', row: rows[0] as AccountEventRow };
  return { t: 'dead', row: rows[0] as DeadLetterRow };
}

const NEWLINE = Buffer.from('\n');

function checkLine(line: Buffer): RawRecord | undefined {
  if (line.length < 12 || line[8] !== SPACE) return undefined;
  const kind = KIND_BY_CODE[line[9]!];
  const payloadAt = line.indexOf(SPACE, 10) + 1;
  if (kind === undefined || payloadAt <= 10) return undefined;
  const rows = Number.parseInt(line.subarray(10, payloadAt - 1).toString('latin1'), 10);
  if (!Number.isInteger(rows)) return undefined;
  if (crc32(line.subarray(9)) !== Number.parseInt(line.subarray(0, 8).toString('latin1'), 16))
    return undefined;
  return { kind, rows, line, payloadAt, upgraded: false };
}

function joinLines(records: RawRecord[]): Buffer {
  return Buffer.concat(records.flatMap((r) => [r.line, NEWLINE]));
}

/*
 * The previous format, which segments left by an older ingest may still hold:
 *     <CRC-32 of the JSON, 8 hex> SP {"t":"events","raw":"...","rows":[...]} LF
 * with the envelope's raw JSON stored once per record and left out of the rows.
 */
type LegacyRecord =
  | { t: 'events'; raw: string; rows: Omit<EventRow, 'raw'>[] }
  | { t: 'account'; row: AccountEventRow }
  | { t: 'dead'; row: DeadLetterRow };

function isLegacyLine(line: Buffer): boolean {
  return line.length > 10 && line[8] === SPACE && line[9] === 0x7b; // '{'
}

function upgradeLegacyLine(line: Buffer): RawRecord | undefined {
  const json = line.subarray(9);
  if (crc32(json) !== Number.parseInt(line.subarray(0, 8).toString('latin1'), 16)) return undefined;
  const legacy = JSON.parse(json.toString('utf8')) as LegacyRecord;
  const record: SpoolRecord =
    legacy.t === 'events'
      ? { t: 'events', rows: legacy.rows.map((row) => ({ ...row, raw: legacy.raw })) }
      : legacy;
  const encoded = encodeRecord(record);
  const checked = checkLine(encoded.subarray(0, encoded.length - 1));
  return checked && { ...checked, upgraded: true };
}
