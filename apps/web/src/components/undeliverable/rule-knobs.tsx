'use client';

// One configurable (windowed) classification rule: its on/off switch, what it counts, and the
// "events within days" knobs with their validation messages.
import { useId } from 'react';
import type { WindowedRule } from '../../lib/api/undeliverable.ts';
import { FieldError } from '../ui.tsx';
import { type KnobDraft, knobError } from './rule-profiles.ts';

const RULE_TEXT: Record<WindowedRule, { title: string; counts: string }> = {
  repeated_transient: {
    title: 'Repeated transient bounces',
    counts:
      'Transient bounces with sub-type General (accept-then-NDR receivers such as Mimecast, Office 365, Proofpoint).',
  },
  undetermined: {
    title: 'Undetermined bounces',
    counts: 'Bounces SES could not classify (bounceType Undetermined).',
  },
  soft_bounce_accumulation: {
    title: 'Soft-bounce accumulation',
    counts:
      'Transient bounces with sub-type MailboxFull, MessageTooLarge, ContentRejected or AttachmentRejected (never ChannelLimitExceeded).',
  },
  permanent_dsn: {
    title: 'Permanent DSN status (optional)',
    counts:
      'Transient bounces whose DSN status is permanent (5.x.x, e.g. 5.1.1 user unknown, 5.4.4 invalid domain). Off by default.',
  },
};

export type RuleKnobsChange = Partial<KnobDraft[WindowedRule]>;

export function RuleKnobs({
  rule,
  value,
  disabled,
  onChange,
}: {
  rule: WindowedRule;
  value: KnobDraft[WindowedRule];
  disabled: boolean;
  onChange: (change: RuleKnobsChange) => void;
}) {
  const id = useId();
  const eventsError = knobError('events', value.events);
  const daysError = knobError('window_days', value.window_days);
  return (
    <div className="rule-row" data-testid={`rule-${rule}`}>
      <div>
        <label className="switch">
          <input
            type="checkbox"
            checked={value.enabled}
            disabled={disabled}
            aria-label={`${RULE_TEXT[rule].title} on`}
            onChange={(e) => onChange({ enabled: e.target.checked })}
          />
          <strong>{RULE_TEXT[rule].title}</strong>
        </label>
        <p className="small muted" style={{ margin: '4px 0 0' }}>
          {RULE_TEXT[rule].counts}
        </p>
      </div>
      <div className="rule-knobs">
        <div className="field">
          <label htmlFor={`${id}-events`}>Events</label>
          <input
            id={`${id}-events`}
            className="input"
            inputMode="numeric"
            value={value.events}
            disabled={disabled}
            aria-invalid={eventsError ? true : undefined}
            aria-describedby={eventsError ? `${id}-events-error` : undefined}
            onChange={(e) => onChange({ events: e.target.value })}
          />
          <FieldError message={eventsError} id={`${id}-events-error`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>Within (days)</label>
          <input
            id={`${id}-days`}
            className="input"
            inputMode="numeric"
            value={value.window_days}
            disabled={disabled}
            aria-invalid={daysError ? true : undefined}
            aria-describedby={daysError ? `${id}-days-error` : undefined}
            onChange={(e) => onChange({ window_days: e.target.value })}
          />
          <FieldError message={daysError} id={`${id}-days-error`} />
        </div>
      </div>
    </div>
  );
}
