/**
 * RFC 2047 encoded-word decoding (`=?UTF-8?B?...?=`, `=?ISO-8859-1?Q?...?=`), for raw header
 * values. SES's `commonHeaders` are already decoded; raw `headers` are not.
 */
const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
/** Whitespace between two adjacent encoded words is not part of the text (RFC 2047 section 6.2). */
const GAP_BETWEEN_WORDS = /(\?=)\s+(?==\?[^?\s]+\?[BbQq]\?)/g;

export function decodeMimeWords(text: string): string {
  if (!text.includes('=?')) return text;
  return text
    .replace(GAP_BETWEEN_WORDS, '$1')
    .replace(ENCODED_WORD, (word, charset: string, encoding: string, payload: string) => {
      try {
        const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(payload, 'base64') : decodeQ(payload);
        // `charset*language` (RFC 2231) keeps only the charset.
        return new TextDecoder(charset.split('*')[0], { fatal: true }).decode(bytes);
      } catch {
        return word;
      }
    });
}

function decodeQ(payload: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    const char = payload[i];
    const hex = payload.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (char === '_') {
      bytes.push(0x20);
    } else {
      bytes.push(payload.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}
