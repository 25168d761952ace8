import { toClickhouseTime } from '@sendops/ses-events';
import { LOCKED_RULES, REASONS, type RuleSettings, WINDOWED_RULES } from '../rules/rule-set.ts';
import { QUALIFIES } from './qualifying-events.ts';

const DAY_MS = 86_400_000;

/**
 * One rule set as SQL over the per-event flag columns (`q_<rule>`) of `addressAggregateSql`. Every
 * setting is a query parameter named `<prefix>_<rule>_...`, so the SQL text never embeds user input
 * and two rule sets (current and candidate) can share one query.
 */
export interface RuleSetSql {
  prefix: string;
  /** Aggregate columns this rule set adds, computed per address. */
  aggregates: string[];
  /** Per event row: does it qualify under this set's enabled rules (retention window aside)? */
  qualifying: string;
  params: Record<string, unknown>;
}

export const DATETIME = `DateTime64(3, 'UTC')`;

/** The flag columns computed once per event row. */
export function flagColumns(): string[] {
  return REASONS.map((reason) => `(${QUALIFIES[reason]}) AS q_${reason}`);
}

/**
 * For a rule set: per windowed rule the qualifying events inside its window, then the set's qualifying
 * events (retention window), latest qualifying event, its diagnostic, and the reason by priority.
 */
export function ruleSetSql(prefix: string, settings: RuleSettings, now: Date): RuleSetSql {
  const params: Record<string, unknown> = {};
  const aggregates: string[] = [];
  const qualifying: string[] = LOCKED_RULES.map((rule) => `q_${rule}`);
  for (const rule of WINDOWED_RULES) {
    const s = settings[rule];
    const p = `${prefix}_${rule}`;
    params[`${p}_on`] = s.enabled ? 1 : 0;
    params[`${p}_n`] = s.events;
    // Inclusive: an event exactly window_days before now is inside the window.
    params[`${p}_from`] = toClickhouseTime(new Date(now.getTime() - s.window_days * DAY_MS));
    aggregates.push(`countIf(q_${rule} AND event_time >= {${p}_from:${DATETIME}}) AS ${p}_in_window`);
    qualifying.push(`({${p}_on:UInt8} = 1 AND q_${rule})`);
  }
  const q = `(${qualifying.join(' OR ')})`;
  aggregates.push(`countIf(${q}) AS ${prefix}_events`, `maxIf(event_time, ${q}) AS ${prefix}_last`);
  const branches = [
    ...LOCKED_RULES.map((rule) => `${rule}_events > 0, '${rule}'`),
    ...WINDOWED_RULES.map(
      (rule) =>
        `{${prefix}_${rule}_on:UInt8} = 1 AND ${prefix}_${rule}_in_window >= {${prefix}_${rule}_n:UInt32}, '${rule}'`,
    ),
  ];
  aggregates.push(`multiIf(${branches.join(', ')}, '') AS ${prefix}_reason`);
  return { prefix, aggregates, qualifying: q, params };
}
