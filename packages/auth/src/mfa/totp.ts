import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

// RFC 6238 defaults every authenticator app understands (Google Authenticator ignores anything else).
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted either side of now, for clock drift and slow typing. */
export const TOTP_WINDOW = 1;
const SECRET_BYTES = 20;
const ISSUER = 'SendOps';

export function generateTotpSecret(): string {
  return new OTPAuth.Secret({ size: SECRET_BYTES }).base32;
}

/** The `otpauth://totp/...` URI an authenticator app imports (also encoded in the QR code). */
export function totpUri(secret: string, accountName: string): string {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: accountName,
    secret: OTPAuth.Secret.fromBase32(secret),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

export function totpQrCodeDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

export function totpCounter(now: Date): number {
  return OTPAuth.TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: now.getTime() });
}

export interface VerifyTotpInput {
  secret: string;
  code: string;
  now: Date;
  /** Time step of the last accepted code: that step and earlier ones are refused (no replay). */
  lastCounter: number | null;
}

/** The time step the code belongs to, or null when it is wrong, outside the window or replayed. */
export function verifyTotpCode(input: VerifyTotpInput): number | null {
  const token = input.code.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return null;
  const secret = OTPAuth.Secret.fromBase32(input.secret);
  const current = totpCounter(input.now);
  for (let counter = current - TOTP_WINDOW; counter <= current + TOTP_WINDOW; counter++) {
    if (input.lastCounter !== null && counter <= input.lastCounter) continue;
    const delta = OTPAuth.HOTP.validate({
      token,
      secret,
      algorithm: TOTP_ALGORITHM,
      digits: TOTP_DIGITS,
      counter,
      window: 0,
    });
    if (delta === 0) return counter;
  }
  return null;
}
