import { createHash } from 'node:crypto';
import { type RuleSettings, WINDOWED_RULES } from './rule-set.ts';

/**
 * The 6-character version API consumers pin against (`version`, `X-SendOps-Rules-Version`). Hashes a
 * canonical serialization (fixed rule and key order), so the same settings always give the same
 * version whatever order the client sent them in.
 */
export function rulesVersion(settings: RuleSettings): string {
  const canonical = WINDOWED_RULES.map((rule) => {
    const { enabled, events, window_days } = settings[rule];
    return [rule, enabled, events, window_days];
  });
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 6);
}
