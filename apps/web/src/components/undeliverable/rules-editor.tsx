'use client';

// The Classification Rules page (spec: classification-rules): a profile picker, the Advanced section
// with the locked rules and the knobs, a live preview re-fired ~300 ms after every change, and Save.
// This module holds the draft and save state; the cards and the preview render it.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import {
  type DetectedProfile,
  type Profile,
  type RulesBody,
  undeliverableApi,
  WINDOWED_RULES,
  type WindowedRule,
  type WindowedRules,
} from '../../lib/api/undeliverable.ts';
import { formatDateTime } from '../../lib/format.ts';
import { orgPath } from '../../lib/navigation.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useCan, useOrganization } from '../organization-context.tsx';
import { useSession } from '../session.tsx';
import { Alert, ConfirmDialog, ErrorState, Loading, Spinner } from '../ui.tsx';
import { AdvancedRulesCard } from './advanced-rules-card.tsx';
import { CONFIGURE_DENIED } from './permission-button.tsx';
import { ProfilePickerCard } from './profile-picker-card.tsx';
import {
  detectProfile,
  fromDraft,
  type KnobDraft,
  PROFILE_CHOICES,
  PROFILE_SETTINGS,
  sameRules,
  toDraft,
} from './rule-profiles.ts';
import { RulesPreviewPanel } from './rules-preview-panel.tsx';
import './undeliverable.css';

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
          <ProfilePickerCard
            profile={profile}
            disabled={!canConfigure}
            onPick={(next) => {
              if (dirty) setPendingProfile(next);
              else applyProfile(next);
            }}
          />
          <AdvancedRulesCard draft={draft} disabled={!canConfigure} onEdit={edit} />

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

        <RulesPreviewPanel candidate={candidate} />
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
