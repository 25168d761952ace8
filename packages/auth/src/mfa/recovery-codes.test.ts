import { describe, expect, it } from 'vitest';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
} from './recovery-codes.ts';

describe('recovery codes', () => {
  it('generates ten distinct codes in four groups of four', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
  });

  it('normalizes what users type and refuses what cannot be a code', () => {
    const [code] = generateRecoveryCodes();
    const normalized = normalizeRecoveryCode(code!);
    expect(normalized).toBe(code!.replaceAll('-', ''));
    expect(normalizeRecoveryCode(` ${code!.toUpperCase().replaceAll('-', ' ')} `)).toBe(normalized);
    expect(normalizeRecoveryCode('abcd-efgh')).toBeNull();
    expect(normalizeRecoveryCode('iiii-llll-oooo-uuuu')).toBeNull();
  });

  it('hashes deterministically, differently per code', () => {
    const [a, b] = generateRecoveryCodes().map((c) => normalizeRecoveryCode(c)!);
    expect(hashRecoveryCode(a!)).toBe(hashRecoveryCode(a!));
    expect(hashRecoveryCode(a!)).not.toBe(hashRecoveryCode(b!));
    expect(hashRecoveryCode(a!)).toMatch(/^[0-9a-f]{64}$/);
  });
});
