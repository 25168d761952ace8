import { describe, expect, it } from 'vitest';
import { detectProfile, PROFILE_SETTINGS, profileSettings } from './profiles.ts';
import { reasonLabel } from './reason-label.ts';
import { REASONS } from './rule-set.ts';
import { rulesBody } from './rules-body.ts';
import { rulesVersion } from './rules-version.ts';
import { parseProfileName, parseRuleSettings } from './validate-rules.ts';

describe('profiles', () => {
  it('have the spec defaults: Standard = locked + repeated_transient 3/30; Aggressive adds 2/14 and 5/14', () => {
    expect(PROFILE_SETTINGS.strict.repeated_transient.enabled).toBe(false);
    expect(PROFILE_SETTINGS.standard.repeated_transient).toEqual({
      enabled: true,
      events: 3,
      window_days: 30,
    });
    expect(PROFILE_SETTINGS.standard.undetermined).toEqual({ enabled: false, events: 2, window_days: 14 });
    expect(PROFILE_SETTINGS.aggressive.undetermined).toEqual({ enabled: true, events: 2, window_days: 14 });
    expect(PROFILE_SETTINGS.aggressive.soft_bounce_accumulation).toEqual({
      enabled: true,
      events: 5,
      window_days: 14,
    });
    for (const profile of ['strict', 'standard', 'aggressive'] as const) {
      expect(PROFILE_SETTINGS[profile].permanent_dsn.enabled).toBe(false);
    }
  });

  it('detects each preset, and Custom when a knob deviates', () => {
    expect(detectProfile(profileSettings('strict'))).toBe('strict');
    expect(detectProfile(profileSettings('standard'))).toBe('standard');
    expect(detectProfile(profileSettings('aggressive'))).toBe('aggressive');
    const custom = profileSettings('standard');
    custom.repeated_transient.events = 4;
    expect(detectProfile(custom)).toBe('custom');
    const dsn = profileSettings('aggressive');
    dsn.permanent_dsn.enabled = true;
    expect(detectProfile(dsn)).toBe('custom');
  });

  it('ignores the thresholds of a disabled rule when detecting (it lists the same addresses)', () => {
    const strict = profileSettings('strict');
    strict.undetermined.events = 9;
    expect(detectProfile(strict)).toBe('strict');
  });
});

describe('reason priority and labels', () => {
  it('orders reasons as the spec does, the DSN rule last', () => {
    expect(REASONS).toEqual([
      'permanent_bounce',
      'complaint',
      'rejected',
      'repeated_transient',
      'undetermined',
      'soft_bounce_accumulation',
      'permanent_dsn',
    ]);
  });

  it('appends the sub-type for permanent bounces and complaints only', () => {
    expect(reasonLabel('permanent_bounce', 'NoEmail')).toBe('permanent bounce · NoEmail');
    expect(reasonLabel('complaint', 'abuse')).toBe('complaint · abuse');
    expect(reasonLabel('complaint', '')).toBe('complaint');
    expect(reasonLabel('repeated_transient', 'General')).toBe('repeated transient');
  });
});

describe('rules version', () => {
  it('is 6 hex characters, the same for the same body whatever the key order, different otherwise', () => {
    const a = profileSettings('standard');
    const reordered = JSON.parse(
      JSON.stringify({
        permanent_dsn: a.permanent_dsn,
        soft_bounce_accumulation: { window_days: 14, events: 5, enabled: false },
        undetermined: a.undetermined,
        repeated_transient: a.repeated_transient,
      }),
    );
    expect(rulesVersion(a)).toMatch(/^[0-9a-f]{6}$/);
    expect(rulesVersion(parseRuleSettings(reordered))).toBe(rulesVersion(a));
    expect(rulesVersion(profileSettings('aggressive'))).not.toBe(rulesVersion(a));
  });

  it('round-trips: the body GET returns is accepted as a save body', () => {
    const body = rulesBody(profileSettings('aggressive'));
    expect(body.profile).toBe('aggressive');
    expect(body.rules.permanent_bounce).toEqual({ enabled: true, locked: true });
    expect(parseRuleSettings(body.rules)).toEqual(profileSettings('aggressive'));
  });
});

describe('validation', () => {
  const valid = () =>
    structuredClone(profileSettings('standard')) as unknown as Record<string, Record<string, unknown>>;
  const rejects = (mutate: (body: Record<string, Record<string, unknown>>) => void, message: string) => {
    const body = valid();
    mutate(body);
    expect(() => parseRuleSettings(body)).toThrow(message);
  };

  it('names the field and the allowed range', () => {
    rejects((b) => {
      (b.repeated_transient as Record<string, unknown>).events = 0;
    }, 'repeated_transient.events must be an integer from 1 to 100');
    rejects((b) => {
      (b.undetermined as Record<string, unknown>).events = 101;
    }, 'undetermined.events must be an integer from 1 to 100');
    rejects((b) => {
      (b.undetermined as Record<string, unknown>).events = 2.5;
    }, 'undetermined.events must be an integer from 1 to 100');
    rejects((b) => {
      (b.soft_bounce_accumulation as Record<string, unknown>).window_days = 366;
    }, 'soft_bounce_accumulation.window_days must be an integer from 1 to 365');
    rejects((b) => {
      (b.soft_bounce_accumulation as Record<string, unknown>).enabled = 'yes';
    }, 'soft_bounce_accumulation.enabled must be true or false');
    rejects((b) => {
      b.complaint = { enabled: false };
    }, 'complaint is locked and cannot be disabled');
    rejects((b) => {
      b.bogus = {};
    }, 'bogus is not a classification rule');
    rejects((b) => {
      delete b.repeated_transient;
    }, 'repeated_transient must be an object');
  });

  it('accepts the bounds and defaults the optional DSN rule to off', () => {
    const body = valid();
    delete body.permanent_dsn;
    (body.repeated_transient as Record<string, unknown>).events = 100;
    (body.repeated_transient as Record<string, unknown>).window_days = 365;
    (body.undetermined as Record<string, unknown>).events = 1;
    (body.undetermined as Record<string, unknown>).window_days = 1;
    const parsed = parseRuleSettings(body);
    expect(parsed.permanent_dsn.enabled).toBe(false);
    expect(parsed.repeated_transient).toEqual({ enabled: true, events: 100, window_days: 365 });
  });

  it('accepts only the three named profiles', () => {
    expect(parseProfileName('aggressive')).toBe('aggressive');
    expect(() => parseProfileName('custom')).toThrow('profile must be one of strict, standard, aggressive');
  });
});
