import { DomainError } from '@sendops/db';
import { PROFILES, type ProfileName, profileSettings } from './profiles.ts';
import {
  EVENTS_MAX,
  EVENTS_MIN,
  LOCKED_RULES,
  type RuleSettings,
  WINDOW_DAYS_MAX,
  WINDOW_DAYS_MIN,
  WINDOWED_RULES,
  type WindowedRule,
  type WindowedRuleSettings,
} from './rule-set.ts';

/** Windowed rules a body may leave out (they are beyond the spec); missing ones stay off. */
const OPTIONAL_RULES: readonly WindowedRule[] = ['permanent_dsn'];

/**
 * Turns a client's rule body into settings, or throws DomainError('invalid') naming the field. Accepts
 * the shape `GET .../rules` returns, so a client can edit and send it back: locked rules may be present
 * (only as enabled), every other key must be a known rule.
 */
export function parseRuleSettings(input: unknown): RuleSettings {
  if (!isObject(input)) throw invalid('rules', 'must be an object');
  for (const key of Object.keys(input)) {
    if (
      !(LOCKED_RULES as readonly string[]).includes(key) &&
      !(WINDOWED_RULES as readonly string[]).includes(key)
    ) {
      throw invalid(key, 'is not a classification rule');
    }
  }
  for (const rule of LOCKED_RULES) {
    const value = input[rule];
    if (value === undefined) continue;
    if (!isObject(value) || (value.enabled !== undefined && value.enabled !== true)) {
      throw invalid(rule, 'is locked and cannot be disabled');
    }
  }
  const settings = {} as RuleSettings;
  for (const rule of WINDOWED_RULES) {
    const value = input[rule];
    if (value === undefined && OPTIONAL_RULES.includes(rule)) {
      settings[rule] = profileSettings('strict')[rule];
      continue;
    }
    settings[rule] = parseWindowedRule(rule, value);
  }
  return settings;
}

function parseWindowedRule(rule: WindowedRule, value: unknown): WindowedRuleSettings {
  if (!isObject(value)) throw invalid(rule, 'must be an object with enabled, events and window_days');
  for (const key of Object.keys(value)) {
    if (!['enabled', 'events', 'window_days', 'locked'].includes(key))
      throw invalid(`${rule}.${key}`, 'is not a rule setting');
  }
  if (value.locked !== undefined && value.locked !== false)
    throw invalid(`${rule}.locked`, 'must be false: this rule is configurable');
  if (typeof value.enabled !== 'boolean') throw invalid(`${rule}.enabled`, 'must be true or false');
  return {
    enabled: value.enabled,
    events: integerIn(`${rule}.events`, value.events, EVENTS_MIN, EVENTS_MAX),
    window_days: integerIn(`${rule}.window_days`, value.window_days, WINDOW_DAYS_MIN, WINDOW_DAYS_MAX),
  };
}

export function parseProfileName(input: unknown): ProfileName {
  if (typeof input === 'string' && (PROFILES as readonly string[]).includes(input))
    return input as ProfileName;
  throw invalid('profile', `must be one of ${PROFILES.join(', ')}`);
}

function integerIn(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('invalid', `${field} ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
