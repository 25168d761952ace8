'use client';

// The Profile card of the Classification Rules page: one button per preset, plus the Custom tile that
// lights up by itself when the knobs match no preset.
import type { DetectedProfile, Profile } from '../../lib/api/undeliverable.ts';
import { PROFILE_CHOICES } from './rule-profiles.ts';

export function ProfilePickerCard({
  profile,
  disabled,
  onPick,
}: {
  /** The profile the current knobs match; null while a knob is invalid. */
  profile: DetectedProfile | null;
  disabled: boolean;
  /** Called with a preset other than the active one. */
  onPick: (next: Profile) => void;
}) {
  return (
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
              disabled={disabled}
              onClick={() => {
                if (profile !== choice.id) onPick(choice.id);
              }}
            >
              <strong>
                {choice.label}
                {choice.id === 'standard' && <span className="faint small"> (default)</span>}
              </strong>
              <span className="small muted">{choice.fit}</span>
            </button>
          ))}
          <div className="profile-option" data-active={profile === 'custom'} data-testid="profile-custom">
            <strong>Custom</strong>
            <span className="small muted">Selected by itself when the knobs match no preset.</span>
          </div>
        </div>
      </div>
    </section>
  );
}
