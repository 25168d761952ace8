import { describe, expect, it } from 'vitest';
import type { WindowedRules } from '../../lib/api/undeliverable.ts';
import {
  detectProfile,
  fromDraft,
  knobError,
  PROFILE_SETTINGS,
  sameRules,
  toDraft,
} from './rule-profiles.ts';

const copy = (rules: WindowedRules): WindowedRules => structuredClone(rules);

describe('classification rule profiles in the editor', () => {
  it('hold the spec’s presets: Standard = 3 in 30; Aggressive adds 2 in 14 and 5 in 14; DSN off', () => {
    expect(PROFILE_SETTINGS.strict.repeated_transient.enabled).toBe(false);
    expect(PROFILE_SETTINGS.standard.repeated_transient).toEqual({
      enabled: true,
      events: 3,
      window_days: 30,
    });
    expect(PROFILE_SETTINGS.standard.undetermined.enabled).toBe(false);
    expect(PROFILE_SETTINGS.aggressive.undetermined).toEqual({ enabled: true, events: 2, window_days: 14 });
    expect(PROFILE_SETTINGS.aggressive.soft_bounce_accumulation).toEqual({
      enabled: true,
      events: 5,
      window_days: 14,
    });
    for (const profile of ['strict', 'standard', 'aggressive'] as const)
      expect(PROFILE_SETTINGS[profile].permanent_dsn.enabled).toBe(false);
  });

  it('detect each preset, and Custom when a knob of an enabled rule moves', () => {
    for (const profile of ['strict', 'standard', 'aggressive'] as const)
      expect(detectProfile(copy(PROFILE_SETTINGS[profile]))).toBe(profile);
    const tuned = copy(PROFILE_SETTINGS.standard);
    tuned.repeated_transient.events = 2;
    expect(detectProfile(tuned)).toBe('custom');
    const dsn = copy(PROFILE_SETTINGS.standard);
    dsn.permanent_dsn.enabled = true;
    expect(detectProfile(dsn)).toBe('custom');
    // A disabled rule's thresholds list nothing, so they do not make the rules Custom.
    const strict = copy(PROFILE_SETTINGS.strict);
    strict.undetermined.events = 9;
    expect(detectProfile(strict)).toBe('strict');
  });

  it('validate knobs: whole numbers, events 1–100, days 1–365', () => {
    expect(knobError('events', '1')).toBeNull();
    expect(knobError('events', '100')).toBeNull();
    expect(knobError('events', '0')).toBe('Events must be from 1 to 100.');
    expect(knobError('events', '101')).toBe('Events must be from 1 to 100.');
    expect(knobError('events', '2.5')).toBe('Events must be a whole number from 1 to 100.');
    expect(knobError('events', '')).toBe('Events must be a whole number from 1 to 100.');
    expect(knobError('window_days', '365')).toBeNull();
    expect(knobError('window_days', '366')).toBe('Days must be from 1 to 365.');
  });

  it('turn a draft back into rules only when every knob is valid', () => {
    const draft = toDraft(PROFILE_SETTINGS.aggressive);
    expect(sameRules(fromDraft(draft)!, PROFILE_SETTINGS.aggressive)).toBe(true);
    expect(fromDraft({ ...draft, undetermined: { ...draft.undetermined, window_days: '0' } })).toBeNull();
    // An invalid knob blocks saving even on a disabled rule: the API validates every rule.
    expect(
      fromDraft({ ...draft, permanent_dsn: { enabled: false, events: 'x', window_days: '30' } }),
    ).toBeNull();
  });
});
