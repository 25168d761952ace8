import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { generateTotpSecret, totpCounter, totpQrCodeDataUrl, totpUri, verifyTotpCode } from './totp.ts';

// A fixed instant: codes are computed by otpauth for it, never from the wall clock.
const NOW = new Date('2026-03-01T12:00:10Z');

function codeAt(secret: string, at: Date): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: at.getTime() });
}

const seconds = (n: number) => new Date(NOW.getTime() + n * 1000);

describe('TOTP', () => {
  it('makes a 160-bit base32 secret and an otpauth URI authenticator apps import', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(secret, 'ada@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/SendOps:ada@example.com');
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      secret,
      issuer: 'SendOps',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });

  it('renders the URI as a PNG QR code data URL', async () => {
    const dataUrl = await totpQrCodeDataUrl(totpUri(generateTotpSecret(), 'ada@example.com'));
    expect(dataUrl).toMatch(/^data:image\/png;base64,/);
    expect(Buffer.from(dataUrl.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('accepts the current code and one step either side, nothing further', () => {
    const secret = generateTotpSecret();
    const verify = (code: string) => verifyTotpCode({ secret, code, now: NOW, lastCounter: null });
    expect(verify(codeAt(secret, NOW))).toBe(totpCounter(NOW));
    expect(verify(codeAt(secret, seconds(-30)))).toBe(totpCounter(NOW) - 1);
    expect(verify(codeAt(secret, seconds(30)))).toBe(totpCounter(NOW) + 1);
    expect(verify(codeAt(secret, seconds(-60)))).toBeNull();
    expect(verify(codeAt(secret, seconds(60)))).toBeNull();
  });

  it('refuses a replayed code and any code of an earlier step', () => {
    const secret = generateTotpSecret();
    const code = codeAt(secret, NOW);
    const counter = verifyTotpCode({ secret, code, now: NOW, lastCounter: null });
    expect(counter).not.toBeNull();
    expect(verifyTotpCode({ secret, code, now: NOW, lastCounter: counter })).toBeNull();
    expect(
      verifyTotpCode({ secret, code: codeAt(secret, seconds(-30)), now: NOW, lastCounter: counter }),
    ).toBeNull();
    expect(
      verifyTotpCode({ secret, code: codeAt(secret, seconds(30)), now: NOW, lastCounter: counter }),
    ).toBe(counter! + 1);
  });

  it('refuses malformed input and the code of another secret; tolerates spaces', () => {
    const secret = generateTotpSecret();
    const code = codeAt(secret, NOW);
    const verify = (input: string) => verifyTotpCode({ secret, code: input, now: NOW, lastCounter: null });
    expect(verify(`${code.slice(0, 3)} ${code.slice(3)}`)).toBe(totpCounter(NOW));
    expect(verify(code.slice(0, 5))).toBeNull();
    expect(verify('abcdef')).toBeNull();
    const other = generateTotpSecret();
    expect(verifyTotpCode({ secret: other, code, now: NOW, lastCounter: null })).toBe(
      codeAt(other, NOW) === code ? totpCounter(NOW) : null,
    );
  });
});
