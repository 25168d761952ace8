import { type DetectedProfile, detectProfile } from './profiles.ts';
import {
  LOCKED_RULES,
  type LockedRule,
  type RuleSettings,
  WINDOWED_RULES,
  type WindowedRule,
} from './rule-set.ts';
import { rulesVersion } from './rules-version.ts';

export interface LockedRuleView {
  enabled: true;
  locked: true;
}
export interface WindowedRuleView {
  enabled: boolean;
  locked: false;
  events: number;
  window_days: number;
}

/** The rule body as the rules page and `GET /v1/undeliverable/rules` show it. */
export interface RulesBody {
  version: string;
  profile: DetectedProfile;
  rules: Record<LockedRule, LockedRuleView> & Record<WindowedRule, WindowedRuleView>;
}

export function rulesBody(settings: RuleSettings): RulesBody {
  const rules = {} as RulesBody['rules'];
  for (const rule of LOCKED_RULES) rules[rule] = { enabled: true, locked: true };
  for (const rule of WINDOWED_RULES) {
    const { enabled, events, window_days } = settings[rule];
    rules[rule] = { enabled, locked: false, events, window_days };
  }
  return { version: rulesVersion(settings), profile: detectProfile(settings), rules };
}
