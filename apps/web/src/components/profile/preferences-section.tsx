'use client';

import { useId, useMemo, useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import { meApi } from '../../lib/api/endpoints.ts';
import type { Theme, WeekStart } from '../../lib/api/types.ts';
import { browserTimezone } from '../../lib/format.ts';
import { applyTheme } from '../../lib/theme.ts';
import { useSession } from '../session.tsx';
import { Alert, Spinner } from '../ui.tsx';

function allTimezones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

/** Timezone, week start and theme; each change saves at once. */
export function PreferencesSection() {
  const { me, reload, timezone } = useSession();
  const ids = { timezone: useId(), follow: useId() };
  const zones = useMemo(() => {
    const list = allTimezones();
    return list.includes(me.user.timezone) || !me.user.timezone ? list : [me.user.timezone, ...list];
  }, [me.user.timezone]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save(key: string, patch: Parameters<typeof meApi.update>[0]) {
    setBusy(key);
    setError(null);
    try {
      await meApi.update(patch);
      await reload();
    } catch (caught) {
      setError(errorMessage(caught));
    }
    setBusy(null);
  }

  return (
    <section className="card" id="preferences">
      <div className="card-header">
        <div>
          <h2>Preferences</h2>
          <p className="muted small">Times throughout the dashboard use these settings.</p>
        </div>
      </div>
      <div className="card-body">
        <div className="settings-row">
          <div>
            <h3>Follow browser timezone</h3>
            <p className="muted small">Use this browser's timezone ({browserTimezone()}) automatically.</p>
          </div>
          <label className="switch">
            {busy === 'follow' && <Spinner />}
            <input
              id={ids.follow}
              type="checkbox"
              role="switch"
              aria-label="Follow browser timezone"
              checked={me.user.followBrowserTimezone}
              aria-checked={me.user.followBrowserTimezone}
              disabled={busy !== null}
              onChange={(event) =>
                void save('follow', {
                  followBrowserTimezone: event.target.checked,
                  ...(event.target.checked ? {} : { timezone: timezone }),
                })
              }
            />
          </label>
        </div>
        <div className="settings-row">
          <div>
            <label htmlFor={ids.timezone}>
              <h3>Timezone</h3>
            </label>
            <p className="muted small">
              {me.user.followBrowserTimezone
                ? 'Following your browser.'
                : 'Dates and times are shown in this zone.'}
            </p>
          </div>
          <div className="row">
            {busy === 'timezone' && <Spinner />}
            <select
              id={ids.timezone}
              className="select"
              style={{ width: 260 }}
              value={me.user.followBrowserTimezone ? browserTimezone() : me.user.timezone}
              disabled={me.user.followBrowserTimezone || busy !== null}
              onChange={(event) => void save('timezone', { timezone: event.target.value })}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="settings-row">
          <div>
            <h3>Week starts on</h3>
            <p className="muted small">Affects calendars and weekly report ranges.</p>
          </div>
          <Segmented<WeekStart>
            label="Week start"
            value={me.user.weekStart}
            busy={busy === 'week'}
            options={[
              { value: 'monday', label: 'Monday' },
              { value: 'sunday', label: 'Sunday' },
            ]}
            onChange={(weekStart) => void save('week', { weekStart })}
          />
        </div>
        <div className="settings-row">
          <div>
            <h3>Theme</h3>
            <p className="muted small">System follows your operating system's light or dark mode.</p>
          </div>
          <Segmented<Theme>
            label="Theme"
            value={me.user.theme}
            busy={busy === 'theme'}
            options={[
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
              { value: 'system', label: 'System' },
            ]}
            onChange={(theme) => {
              applyTheme(theme);
              void save('theme', { theme });
            }}
          />
        </div>
        {error && <Alert kind="error">{error}</Alert>}
      </div>
    </section>
  );
}

function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  busy,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  busy: boolean;
}) {
  return (
    <div className="row">
      {busy && <Spinner />}
      <fieldset className="segmented" aria-label={label}>
        {options.map((option) => (
          <button
            key={option.value}
            type="button"
            aria-pressed={option.value === value}
            onClick={() => option.value !== value && onChange(option.value)}
          >
            {option.label}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
