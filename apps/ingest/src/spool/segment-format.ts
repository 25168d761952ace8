import { crc32 } from 'node:zlib';
import type { AccountEventRow, DeadLetterRow, EventRow } from '@sendops/ses-events';

/**
 * What the spool holds: one record per acknowledged request. Event rows share their envelope's raw
 * JSON, so it is written once per record rather than once per recipient.
 */
export type SpoolRecord =
  | { t: 'events'; raw: string; rows: Omit<EventRow, 'raw'>[] }
  | { t: 'account'; row: AccountEventRow }
  | { t: 'dead'; row: DeadLetterRow };

/**
 * One line per record: 8 hex digits of CRC-32, a space, the JSON, a newline. A torn write at a crash
 * leaves a line whose checksum fails; only unacknowledged records can be torn (a record is acknowledged
 * after its fdatasync), so such lines are skipped safely.
 */
export function encodeRecord(record: SpoolRecord): Buffer {
  const json = Buffer.from(JSON.stringify(record));
  const line = Buffer.allocUnsafe(json.length + 10);
  line.write(crc32(json).toString(16).padStart(8, '0'), 0, 'latin1');
  line[8] = 0x20;
  json.copy(line, 9);
  line[line.length - 1] = 0x0a;
  return line;
}

export interface DecodedSegment {
  records: SpoolRecord[];
  corruptLines: number;
}

export function decodeSegment(content: Buffer): DecodedSegment {
  const records: SpoolRecord[] = [];
  let corruptLines = 0;
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf(0x0a, start);
    if (end === -1) end = content.length;
    const line = content.subarray(start, end);
    start = end + 1;
    if (line.length === 0) continue;
    const json = line.subarray(9);
    const expected = Number.parseInt(line.subarray(0, 8).toString('latin1'), 16);
    if (line.length < 10 || line[8] !== 0x20 || crc32(json) !== expected) {
      corruptLines++;
      continue;
    }
    records.push(JSON.parse(json.toString('utf8')) as SpoolRecord);
  }
  return { records, corruptLines };
}

export function rowCount(record: SpoolRecord): number {
  return record.t === 'events' ? record.rows.length : 1;
}
