/**
 * Report rates are percentages rounded half away from zero to a fixed number of decimals, computed in
 * integer arithmetic so the API, the CSV and the page all show the same digits. Bounce, delivery, open
 * and click rates use 2 decimals; complaint rates 3 (the SES thresholds are 0.08% and 0.1%).
 */
export const RATE_DIGITS = 2;
export const COMPLAINT_RATE_DIGITS = 3;

/** `numerator / denominator` as a percentage with `digits` decimals; null when nothing to divide by. */
export function percent(numerator: number, denominator: number, digits: number = RATE_DIGITS): number | null {
  if (denominator <= 0) return null;
  return roundedFraction(BigInt(numerator) * 100n, BigInt(denominator), digits);
}

/**
 * The change in percentage points from `previous` to `current` (each a `[numerator, denominator]`),
 * from the exact rates, rounded like the rates. Null when either period has nothing to divide by.
 */
export function deltaPoints(
  current: readonly [number, number],
  previous: readonly [number, number],
  digits: number = RATE_DIGITS,
): number | null {
  const [a, b] = current;
  const [c, d] = previous;
  if (b <= 0 || d <= 0) return null;
  // a/b − c/d = (a·d − c·b) / (b·d)
  return roundedFraction(
    (BigInt(a) * BigInt(d) - BigInt(c) * BigInt(b)) * 100n,
    BigInt(b) * BigInt(d),
    digits,
  );
}

function roundedFraction(numerator: bigint, denominator: bigint, digits: number): number {
  const scale = 10n ** BigInt(digits);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude * scale + denominator) / (2n * denominator);
  const value = Number(rounded) / Number(scale);
  return negative && value !== 0 ? -value : value;
}
