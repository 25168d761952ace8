'use client';

// The Advanced card of the Classification Rules page: the always-on (locked) rules, then the knobs of
// every configurable rule.
import { LOCKED_RULES, WINDOWED_RULES, type WindowedRule } from '../../lib/api/undeliverable.ts';
import { RuleKnobs, type RuleKnobsChange } from './rule-knobs.tsx';
import type { KnobDraft } from './rule-profiles.ts';

const LOCKED_TEXT: Record<(typeof LOCKED_RULES)[number], string> = {
  permanent_bounce:
    'Permanent bounces (any sub-type: NoEmail, General, Suppressed, OnAccountSuppressionList…)',
  complaint: 'Complaints — required for compliance (CAN-SPAM, CASL, GDPR)',
  rejected: 'Rejects — SES already refused the send',
};

function LockIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-label="Locked"
      role="img"
    >
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}

export function AdvancedRulesCard({
  draft,
  disabled,
  onEdit,
}: {
  draft: KnobDraft;
  disabled: boolean;
  onEdit: (rule: WindowedRule, change: RuleKnobsChange) => void;
}) {
  return (
    <section className="card" aria-labelledby="advanced-title">
      <div className="card-body">
        <h2 id="advanced-title" className="section-title">
          Advanced
        </h2>
        <h3 className="small muted rules-subheading">Always on</h3>
        {LOCKED_RULES.map((rule) => (
          <div key={rule} className="locked-rule" data-testid={`locked-${rule}`}>
            <LockIcon />
            <span>{LOCKED_TEXT[rule]}</span>
          </div>
        ))}
        <h3 className="small muted rules-subheading" style={{ marginTop: 16 }}>
          Configurable
        </h3>
        {WINDOWED_RULES.map((rule) => (
          <RuleKnobs
            key={rule}
            rule={rule}
            value={draft[rule]}
            disabled={disabled}
            onChange={(change) => onEdit(rule, change)}
          />
        ))}
      </div>
    </section>
  );
}
