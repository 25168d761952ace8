// The presets and the knob limits the rules page edits against (spec: classification-rules). The API
// validates again on save; these give the operator the message before they get there.
import type { EVENTS_MAX, EVENTS_MIN, WINDOW_DAYS_MAX, WINDOW_DAYS_MIN } from '@sendops/classification/rules';
import type { Assert, Equals } from '../../lib/api/type-equality.ts';
import type { DetectedProfile, Profile, WindowedRule, WindowedRules } from '../../lib/api/undeliverable.ts';

const on = (events: number, window_days: number) => ({ enabled: true, events, window_days });
const off = (events: number, window_days: number) => ({ enabled: false, events, window_days });
// The DSN-aware rule is off in every preset (issue 5, "Beyond the spec").
const DSN = off(1, 30);

export const PROFILE_SETTINGS: Record<Profile, WindowedRules> = {
  strict: {
    repeated_transient: off(3, 30),
    undetermined: off(2, 14),
    soft_bounce_accumulation: off(5, 14),
    permanent_dsn: DSN,
  },
  standard: {
    repeated_transient: on(3, 30),
    undetermined: off(2, 14),
    soft_bounce_accumulation: off(5, 14),
    permanent_dsn: DSN,
  },
  aggressive: {
    repeated_transient: on(3, 30),
    undetermined: on(2, 14),
    soft_bounce_accumulation: on(5, 14),
    permanent_dsn: DSN,
  },
};

export const PROFILE_CHOICES: { id: Profile; label: string; fit: string }[] = [
  { id: 'strict', label: 'Strict', fit: 'Locked rules only. Banks, strictly transactional senders.' },
  {
    id: 'standard',
    label: 'Standard',
    fit: 'Locked rules + repeated transient bounces (3 in 30 days). Most organizations.',
  },
  {
    id: 'aggressive',
    label: 'Aggressive',
    fit: 'Standard + undetermined (2 in 14 days) + soft-bounce accumulation (5 in 14 days). Bulk senders.',
  },
];

/** A copy of the rules as the form edits them (strings in the number fields while typing). */
export type KnobDraft = Record<WindowedRule, { enabled: boolean; events: string; window_days: string }>;

export function toDraft(rules: WindowedRules): KnobDraft {
  const draft = {} as KnobDraft;
  for (const [rule, value] of Object.entries(rules) as [WindowedRule, WindowedRules[WindowedRule]][]) {
    draft[rule] = {
      enabled: value.enabled,
      events: String(value.events),
      window_days: String(value.window_days),
    };
  }
  return draft;
}

const LIMITS = { events: [1, 100], window_days: [1, 365] } as const;
// The same limits as the API's validation, or tsc fails.
type _LimitsMatch = Assert<
  Equals<
    typeof LIMITS,
    {
      readonly events: readonly [typeof EVENTS_MIN, typeof EVENTS_MAX];
      readonly window_days: readonly [typeof WINDOW_DAYS_MIN, typeof WINDOW_DAYS_MAX];
    }
  >
>;

/** The message for one knob, or null when it is an integer within its range. */
export function knobError(knob: 'events' | 'window_days', value: string): string | null {
  const [min, max] = LIMITS[knob];
  const what = knob === 'events' ? 'Events' : 'Days';
  if (!/^\d+$/.test(value.trim())) return `${what} must be a whole number from ${min} to ${max}.`;
  const n = Number(value);
  return n < min || n > max ? `${what} must be from ${min} to ${max}.` : null;
}

/** The rules the draft stands for, or null while any knob is invalid. */
export function fromDraft(draft: KnobDraft): WindowedRules | null {
  const rules = {} as WindowedRules;
  for (const [rule, value] of Object.entries(draft) as [WindowedRule, KnobDraft[WindowedRule]][]) {
    if (knobError('events', value.events) || knobError('window_days', value.window_days)) return null;
    rules[rule] = {
      enabled: value.enabled,
      events: Number(value.events),
      window_days: Number(value.window_days),
    };
  }
  return rules;
}

/** The preset the rules behave like (a disabled rule's thresholds do not matter), else custom. */
export function detectProfile(rules: WindowedRules): DetectedProfile {
  for (const profile of ['strict', 'standard', 'aggressive'] as const) {
    const preset = PROFILE_SETTINGS[profile];
    const same = (Object.keys(preset) as WindowedRule[]).every((rule) => {
      const a = rules[rule];
      const b = preset[rule];
      if (!a || a.enabled !== b.enabled) return false;
      return !a.enabled || (a.events === b.events && a.window_days === b.window_days);
    });
    if (same) return profile;
  }
  return 'custom';
}

export function sameRules(a: WindowedRules, b: WindowedRules): boolean {
  return (Object.keys(a) as WindowedRule[]).every(
    (rule) =>
      a[rule].enabled === b[rule]?.enabled &&
      a[rule].events === b[rule]?.events &&
      a[rule].window_days === b[rule]?.window_days,
  );
}
