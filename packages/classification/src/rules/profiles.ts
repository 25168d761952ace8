import type { RuleSettings, WindowedRule, WindowedRuleSettings } from './rule-set.ts';

export const PROFILES = ['strict', 'standard', 'aggressive'] as const;
export type ProfileName = (typeof PROFILES)[number];
/** `custom` is never chosen: it is detected when the knobs match no preset. */
export type DetectedProfile = ProfileName | 'custom';

const on = (events: number, window_days: number): WindowedRuleSettings => ({
  enabled: true,
  events,
  window_days,
});
const off = (events: number, window_days: number): WindowedRuleSettings => ({
  enabled: false,
  events,
  window_days,
});

// The optional DSN-aware rule is off in every preset (issue 5, "Beyond the spec"); one event is enough
// when an operator turns it on, since the receiving MTA already said the mailbox does not exist.
const DSN_DEFAULT = off(1, 30);

/** Picking a profile resets every configurable rule to these values (spec: classification-rules). */
export const PROFILE_SETTINGS: Record<ProfileName, RuleSettings> = {
  strict: {
    repeated_transient: off(3, 30),
    undetermined: off(2, 14),
    soft_bounce_accumulation: off(5, 14),
    permanent_dsn: DSN_DEFAULT,
  },
  standard: {
    repeated_transient: on(3, 30),
    undetermined: off(2, 14),
    soft_bounce_accumulation: off(5, 14),
    permanent_dsn: DSN_DEFAULT,
  },
  aggressive: {
    repeated_transient: on(3, 30),
    undetermined: on(2, 14),
    soft_bounce_accumulation: on(5, 14),
    permanent_dsn: DSN_DEFAULT,
  },
};

export const DEFAULT_PROFILE: ProfileName = 'standard';

/** A fresh copy of a profile's settings, safe to edit. */
export function profileSettings(profile: ProfileName): RuleSettings {
  return structuredClone(PROFILE_SETTINGS[profile]);
}

export function defaultRuleSettings(): RuleSettings {
  return profileSettings(DEFAULT_PROFILE);
}

/**
 * The preset the knobs match, else `custom`. A disabled rule's thresholds do not matter: Strict with
 * repeated_transient off at 4/30 is still Strict, because it lists exactly what Strict lists.
 */
export function detectProfile(settings: RuleSettings): DetectedProfile {
  for (const profile of PROFILES) {
    if (sameBehaviour(settings, PROFILE_SETTINGS[profile])) return profile;
  }
  return 'custom';
}

function sameBehaviour(a: RuleSettings, b: RuleSettings): boolean {
  return (Object.keys(b) as WindowedRule[]).every((rule) => {
    const x = a[rule];
    const y = b[rule];
    if (x.enabled !== y.enabled) return false;
    return !x.enabled || (x.events === y.events && x.window_days === y.window_days);
  });
}
