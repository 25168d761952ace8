import { describe, expect, it } from 'vitest';
import { encodeEventRows, rawColumn, toClickhouseTime, toEventRows } from '../src/index.ts';
import { context, EMAIL_FIXTURES, fixtureBody, fixtureText, type Json, parseSes } from './helpers.ts';

/** Encodes `body` from the text `raw` (as the ingest does) and returns both forms of its rows. */
function bothForms(body: Json, raw = JSON.stringify(body)) {
  const envelope = parseSes(JSON.parse(raw));
  const ctx = context({ raw });
  const encoded = encodeEventRows(envelope, ctx);
  return { encoded, rows: toEventRows(envelope, ctx), texts: encoded.pieces.join('').split('\t') };
}

/** Every variant below must encode to exactly the rows toEventRows builds. */
function expectSameRows(body: Json, raw?: string) {
  const { encoded, rows, texts } = bothForms(body, raw);
  expect(encoded.rows).toBe(rows.length);
  expect(texts).toHaveLength(rows.length);
  for (const [i, row] of rows.entries()) {
    if (texts[i]!.includes('"raw":"')) {
      // The escaped form: byte for byte what JSON.stringify writes.
      expect(texts[i]).toBe(JSON.stringify(row));
    } else {
      // The body inline as a JSON object: everything else byte for byte, and the body's exact text.
      expect(texts[i]).toBe(JSON.stringify({ ...row, raw: 0 }).replace('"raw":0', `"raw":${row.raw}`));
    }
  }
}

describe('encodeEventRows', () => {
  it.each(EMAIL_FIXTURES)(
    'writes the rows toEventRows builds for the %s fixture, compact and as published',
    (name) => {
      expectSameRows(fixtureBody(name));
      // The published files are pretty-printed (LF inside): the body is then kept as an escaped string.
      expectSameRows(fixtureBody(name), fixtureText(name));
    },
  );

  it('embeds a compact body as a JSON object and escapes any other', () => {
    const body = fixtureBody('delivery');
    const compact = JSON.stringify(body);
    expect(bothForms(body, compact).texts[0]).toContain(`"raw":${compact},`);
    for (const raw of [
      JSON.stringify(body, null, 2),
      `${compact}\n`,
      ` ${compact}`,
      compact.replace(',', ',\t'),
    ]) {
      expect(bothForms(body, raw).texts[0]).toContain(`"raw":${JSON.stringify(raw)},`);
    }
    expect(rawColumn('{"a":"x"}\r')).toBe(JSON.stringify('{"a":"x"}\r'));
    expect(rawColumn('{"a":"\\t"}')).toBe('{"a":"\\t"}');
  });

  it('copies the body bytes when given them, and falls back to the text when they cannot be inlined', () => {
    const body = fixtureBody('bounce');
    body.detail.mail.commonHeaders.subject = 'Grüße 😀';
    for (const raw of [JSON.stringify(body), JSON.stringify(body, null, 1)]) {
      const envelope = parseSes(JSON.parse(raw));
      const bytes = Buffer.from(raw);
      const fromBytes = encodeEventRows(envelope, context({ raw }), bytes);
      const fromText = encodeEventRows(envelope, context({ raw }));
      const join = (pieces: (string | Uint8Array)[]) =>
        Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString();
      expect(join(fromBytes.pieces)).toBe(join(fromText.pieces));
      expect(fromBytes.pieces.includes(bytes)).toBe(!raw.includes('\n'));
    }
  });

  it('escapes every string as JSON.stringify does: quotes, controls, non-ASCII, lone surrogates', () => {
    const send = fixtureBody('send');
    send.detail.mail.destination = ['"Quoted, Name" <q@example.com>', 'ü@exämple.com', 'b@example.com'];
    send.detail.mail.commonHeaders.subject = 'Tab\there "quoted" back\\slash \u0001 é 😀 \ud800 \udfff end';
    send.detail.mail.tags = {
      'ses:configuration-set': ['Config\nSet'],
      '"odd" key': ['a', 'b\\', ''],
      '10': ['numeric-like keys come first'],
      empty: [],
    };
    expectSameRows(send);
    const click = fixtureBody('click');
    click.detail.click.linkTags = { 'a"b': ['c\u2028d'], z: [] };
    click.detail.click.userAgent = '\u0000\u001f\u007f';
    expectSameRows(click);
  });

  it('keeps rows without recipients and the type-specific columns', () => {
    const send = fixtureBody('send');
    send.detail.mail.destination = [];
    expectSameRows(send);
    const delivery = fixtureBody('delivery');
    delivery.detail.delivery.processingTimeMillis = 1234.5;
    expectSameRows(delivery);
    const future = fixtureBody('send');
    future['detail-type'] = 'Email Teleported';
    future.detail.eventType = 'Teleport';
    expectSameRows(future);
  });
});

describe('toClickhouseTime', () => {
  it('converts plain UTC times by slicing exactly as through Date, and rolls over what Date rolls over', () => {
    const viaDate = (value: string) => new Date(value).toISOString().replace('T', ' ').replace('Z', '');
    const samples = [
      '2017-08-05T00:41:02.669Z',
      '2016-12-30T18:44:49Z',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '2017-02-28T23:59:59Z',
      '2017-02-29T00:00:00Z',
      '2016-02-29T00:00:00.000Z',
      '2017-04-31T00:00:00Z',
      '2017-01-01T24:00:00Z',
      '2017-01-01T24:00:00.000Z',
      '2017-01-01T00:00:00.1Z',
      '2017-01-01T00:00:00.123456Z',
      '2017-01-01T02:00:00+02:00',
      '2017-01-01T02:00:00.000+02:00',
    ];
    for (let i = 0; i < 2_000; i++) {
      const ms = Math.floor(Math.random() * 4e12) - 1e12;
      const iso = new Date(ms).toISOString();
      samples.push(iso, `${iso.slice(0, 19)}Z`);
    }
    for (const value of samples) expect(toClickhouseTime(value), value).toBe(viaDate(value));
    expect(toClickhouseTime(Date.UTC(2024, 4, 1, 12))).toBe('2024-05-01 12:00:00.000');
  });
});
