import * as OTPAuth from 'otpauth';

/** What an authenticator app shows at `at` for a base32 secret (computed by otpauth, as apps do). */
export function totpCodeAt(secret: string, at: Date): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: at.getTime() });
}
