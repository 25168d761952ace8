'use client';

// The Classification Rules page (spec: classification-rules): a profile picker, the Advanced section
// with the locked rules and the knobs, a live preview re-fired ~300 ms after every change, and Save.
import Link from 'next/link';
import { useEffect, useId, useMemo, useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import {
  type DetectedProfile,
  LOCKED_RULES,
  type Profile,
  REASON_LABELS,
  type Reason,
  type RulesBody,
  type RulesPreview,
  undeliverableApi,
  WINDOWED_RULES,
  type WindowedRule,
  type WindowedRules,
} from '../../lib/api/undeliverable.ts';
import { formatDateTime } from '../../lib/format.ts';
import { orgPath } from '../../lib/navigation.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useCan, useOrganization } from '../organization-context.tsx';
import { useDebounced } from '../reports/messages/use-debounced.ts';
import { useSession } from '../session.tsx';
import { Alert, ConfirmDialog, ErrorState, FieldError, Loading, Spinner } from '../ui.tsx';
import { CONFIGURE_DENIED } from './permission-button.tsx';
import {
  detectProfile,
  fromDraft,
  type KnobDraft,
  knobError,
  PROFILE_CHOICES,
  PROFILE_SETTINGS,
  sameRules,
  toDraft,
} from './rule-profiles.ts';
import './undeliverable.css';

const LOCKED_TEXT: Record<(typeof LOCKED_RULES)[number], string> = {
  permanent_bounce:
    'Permanent bounces (any sub-type: NoEmail, General, Suppressed, OnAccountSuppressionList…)',
  complaint: 'Complaints — required for compliance (CAN-SPAM, CASL, GDPR)',
  rejected: 'Rejects — SES already refused the send',
};

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

export function RulesEditor() {
  const { slug } = useOrganization();
  const saved = useResource(() => undeliverableApi.rules(slug), [slug]);
  // Kept here: a save remounts the editor on the new version, and the notice must outlive that.
  const [savedNotice, setSavedNotice] = useState<string | null>(null);
  if (saved.error) return <ErrorState error={saved.error} onRetry={() => void saved.reload()} />;
  if (!saved.data) return <Loading label="Loading classification rules…" />;
  return (
    <Editor
      key={saved.data.version + (saved.data.updatedAt ?? '')}
      saved={saved.data}
      savedNotice={savedNotice}
      onNotice={setSavedNotice}
      onSaved={saved.setData}
    />
  );
}

function windowed(body: RulesBody): WindowedRules {
  const rules = {} as WindowedRules;
  for (const rule of WINDOWED_RULES) {
    const value = body.rules[rule] ?? PROFILE_SETTINGS.standard[rule];
    rules[rule] = { enabled: value.enabled, events: value.events, window_days: value.window_days };
  }
  return rules;
}

function Editor({
  saved,
  savedNotice,
  onNotice: setSavedNotice,
  onSaved,
}: {
  saved: RulesBody;
  savedNotice: string | null;
  onNotice: (notice: string | null) => void;
  onSaved: (body: RulesBody) => void;
}) {
  const { slug } = useOrganization();
  const { timezone } = useSession();
  const canConfigure = useCan('undeliverable.configure');
  const savedRules = useMemo(() => windowed(saved), [saved]);
  const [draft, setDraft] = useState<KnobDraft>(() => toDraft(savedRules));
  const [pendingProfile, setPendingProfile] = useState<Profile | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const candidate = fromDraft(draft);
  const dirty = !candidate || !sameRules(candidate, savedRules);
  const profile: DetectedProfile | null = candidate ? detectProfile(candidate) : null;

  const applyProfile = (next: Profile) => {
    setDraft(toDraft(PROFILE_SETTINGS[next]));
    setSavedNotice(null);
  };
  const edit = (rule: WindowedRule, change: Partial<KnobDraft[WindowedRule]>) => {
    setDraft((current) => ({ ...current, [rule]: { ...current[rule], ...change } }));
    setSavedNotice(null);
  };

  const save = async () => {
    if (!candidate) return;
    setSaving(true);
    setSaveError(null);
    try {
      const body = await undeliverableApi.saveRules(slug, candidate);
      setSavedNotice(`Rules saved. Version ${body.version}.`);
      onSaved(body);
    } catch (caught) {
      setSaveError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <div className="page-header">
        <div className="page-header-text">
          <h1>Classification Rules</h1>
          <p>
            Which bounce, complaint and rejection signals put an address on the{' '}
            <Link href={orgPath(slug, '/undeliverable')}>Undeliverable list</Link>.
          </p>
        </div>
        <div className="stack" style={{ gap: 2, alignItems: 'flex-end' }}>
          <span className="small">
            Version{' '}
            <strong className="mono" data-testid="rules-version">
              {saved.version}
            </strong>
          </span>
          <span className="faint small">
            {saved.updatedAt
              ? `Saved ${formatDateTime(saved.updatedAt, timezone, true)}`
              : 'Never saved: Standard applies'}
          </span>
        </div>
      </div>
      {!canConfigure && (
        <div
          className="alert alert-info"
          role="status"
          data-testid="rules-view-only"
          style={{ marginBottom: 12 }}
        >
          <div>View only. {CONFIGURE_DENIED}</div>
        </div>
      )}
      {savedNotice && (
        <div className="alert alert-success" role="status" style={{ marginBottom: 12 }}>
          <div>{savedNotice}</div>
        </div>
      )}
      <div className="rules-layout">
        <div className="stack">
          <section className="card" aria-labelledby="profile-title">
            <div className="card-body stack">
              <h2 id="profile-title" className="section-title">
                Profile
              </h2>
              <div className="profile-picker" data-testid="profile-picker">
                {PROFILE_CHOICES.map((choice) => (
                  <button
                    key={choice.id}
                    type="button"
                    className="profile-option"
                    aria-pressed={profile === choice.id}
                    disabled={!canConfigure}
                    onClick={() => {
                      if (profile === choice.id) return;
                      if (dirty) setPendingProfile(choice.id);
                      else applyProfile(choice.id);
                    }}
                  >
                    <strong>
                      {choice.label}
                      {choice.id === 'standard' && <span className="faint small"> (default)</span>}
                    </strong>
                    <span className="small muted">{choice.fit}</span>
                  </button>
                ))}
                <div
                  className="profile-option"
                  data-active={profile === 'custom'}
                  data-testid="profile-custom"
                >
                  <strong>Custom</strong>
                  <span className="small muted">Selected by itself when the knobs match no preset.</span>
                </div>
              </div>
            </div>
          </section>

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
                  disabled={!canConfigure}
                  onChange={(change) => edit(rule, change)}
                />
              ))}
            </div>
          </section>

          <div className="row" style={{ gap: 10, alignItems: 'center' }}>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!canConfigure || !dirty || !candidate || saving}
              title={!canConfigure ? CONFIGURE_DENIED : undefined}
              onClick={() => void save()}
            >
              {saving && <Spinner />}
              Save rules
            </button>
            {canConfigure && dirty && candidate && (
              <button type="button" className="btn" onClick={() => setDraft(toDraft(savedRules))}>
                Discard changes
              </button>
            )}
            {canConfigure && !candidate && (
              <span className="field-error">Fix the highlighted values to save.</span>
            )}
          </div>
          {saveError && <Alert kind="error">{saveError}</Alert>}
        </div>

        <Preview candidate={candidate} />
      </div>

      {pendingProfile && (
        <ConfirmDialog
          title="Discard your unsaved changes?"
          description={`Picking ${PROFILE_CHOICES.find((p) => p.id === pendingProfile)?.label} resets every configurable rule to its defaults. Your edits are not saved.`}
          confirmLabel="Discard and apply"
          danger
          onClose={() => setPendingProfile(null)}
          onConfirm={async () => {
            applyProfile(pendingProfile);
            setPendingProfile(null);
          }}
        />
      )}
    </>
  );
}

function RuleKnobs({
  rule,
  value,
  disabled,
  onChange,
}: {
  rule: WindowedRule;
  value: KnobDraft[WindowedRule];
  disabled: boolean;
  onChange: (change: Partial<KnobDraft[WindowedRule]>) => void;
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

/** The live preview: re-asked ~300 ms after the knobs stop changing; an older answer never wins. */
function Preview({ candidate }: { candidate: WindowedRules | null }) {
  const { slug } = useOrganization();
  const key = candidate ? JSON.stringify(candidate) : null;
  const settled = useDebounced(key, 300);
  const [state, setState] = useState<{ key: string; preview?: RulesPreview; error?: unknown } | null>(null);
  useEffect(() => {
    if (!settled) return;
    const controller = new AbortController();
    undeliverableApi
      .preview(slug, JSON.parse(settled) as WindowedRules, controller.signal)
      .then((preview) => setState({ key: settled, preview }))
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') setState({ key: settled, error });
      });
    return () => controller.abort();
  }, [slug, settled]);
  const current = state && state.key === key ? state : null;
  const last = state?.preview;
  return (
    <section
      className="card"
      aria-labelledby="preview-title"
      data-testid="rules-preview"
      aria-busy={!current}
    >
      <div className="card-body stack">
        <h2 id="preview-title" className="section-title row" style={{ gap: 8 }}>
          Live preview {!current && candidate && <Spinner label="Computing…" />}
        </h2>
        {!candidate ? (
          <p className="muted">Fix the highlighted values to see the preview.</p>
        ) : current?.error ? (
          <Alert kind="error">
            The preview failed: {errorMessage(current.error)} Your saved rules are unaffected.
          </Alert>
        ) : !last ? (
          <p className="muted">Computing…</p>
        ) : (
          <div className="stack" style={{ opacity: current ? 1 : 0.6 }}>
            <div className="preview-figures">
              <div className="preview-figure">
                <div className="small muted">Current list size</div>
                <div className="value" data-testid="preview-current">
                  {last.currentSize.toLocaleString('en-US')}
                </div>
              </div>
              <div className="preview-figure">
                <div className="small muted">With these rules</div>
                <div className="value" data-testid="preview-candidate">
                  {last.candidateSize.toLocaleString('en-US')}
                </div>
                <div className="small" data-testid="preview-delta">
                  <span className="delta-added">+{last.added.toLocaleString('en-US')}</span>{' '}
                  <span className="delta-removed">−{last.removed.toLocaleString('en-US')}</span>
                </div>
              </div>
            </div>
            <div>
              <h3 className="small muted">Breakdown</h3>
              {last.candidateSize === 0 && <p className="small muted">No address would be listed.</p>}
              <table className="table" data-testid="preview-breakdown">
                <tbody>
                  {Object.entries(last.breakdown)
                    .filter(([, count]) => (count ?? 0) > 0)
                    .map(([reason, count]) => (
                      <tr key={reason}>
                        <td>{REASON_LABELS[reason as Reason] ?? reason}</td>
                        <td style={{ textAlign: 'right' }}>{(count ?? 0).toLocaleString('en-US')}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
            <details open={last.sampleAdditions.length > 0}>
              <summary className="small">Show sample additions ({last.sampleAdditions.length})</summary>
              {last.sampleAdditions.length === 0 ? (
                <p className="small muted">These rules add no address.</p>
              ) : (
                <ul className="plain-list small" data-testid="preview-samples">
                  {last.sampleAdditions.map((sample) => (
                    <li key={sample.address} className="spread" style={{ padding: '3px 0' }}>
                      <span className="mono break">{sample.address}</span>
                      <span className="faint nowrap">
                        {REASON_LABELS[sample.reason as Reason] ?? sample.reason} · {sample.events} events
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </details>
          </div>
        )}
      </div>
    </section>
  );
}
