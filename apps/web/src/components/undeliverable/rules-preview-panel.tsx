'use client';

// The Classification Rules page's live preview of a candidate rule set: list size, +added −removed,
// breakdown by reason and sample additions.
import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import {
  REASON_LABELS,
  type Reason,
  type RulesPreview,
  undeliverableApi,
  type WindowedRules,
} from '../../lib/api/undeliverable.ts';
import { useOrganization } from '../organization-context.tsx';
import { useDebounced } from '../reports/messages/use-debounced.ts';
import { Alert, Spinner } from '../ui.tsx';

/** The live preview: re-asked ~300 ms after the knobs stop changing; an older answer never wins. */
export function RulesPreviewPanel({ candidate }: { candidate: WindowedRules | null }) {
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
          // The last answer stays on screen, dimmed, while a newer one is computed.
          <div className="stack" style={{ opacity: current ? 1 : 0.6 }}>
            <PreviewFigures preview={last} />
            <PreviewBreakdown preview={last} />
            <PreviewSamples preview={last} />
          </div>
        )}
      </div>
    </section>
  );
}

function PreviewFigures({ preview }: { preview: RulesPreview }) {
  return (
    <div className="preview-figures">
      <div className="preview-figure">
        <div className="small muted">Current list size</div>
        <div className="value" data-testid="preview-current">
          {preview.currentSize.toLocaleString('en-US')}
        </div>
      </div>
      <div className="preview-figure">
        <div className="small muted">With these rules</div>
        <div className="value" data-testid="preview-candidate">
          {preview.candidateSize.toLocaleString('en-US')}
        </div>
        <div className="small" data-testid="preview-delta">
          <span className="delta-added">+{preview.added.toLocaleString('en-US')}</span>{' '}
          <span className="delta-removed">−{preview.removed.toLocaleString('en-US')}</span>
        </div>
      </div>
    </div>
  );
}

function PreviewBreakdown({ preview }: { preview: RulesPreview }) {
  return (
    <div>
      <h3 className="small muted">Breakdown</h3>
      {preview.candidateSize === 0 && <p className="small muted">No address would be listed.</p>}
      <table className="table" data-testid="preview-breakdown">
        <tbody>
          {Object.entries(preview.breakdown)
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
  );
}

function PreviewSamples({ preview }: { preview: RulesPreview }) {
  const samples = preview.sampleAdditions;
  return (
    <details open={samples.length > 0}>
      <summary className="small">Show sample additions ({samples.length})</summary>
      {samples.length === 0 ? (
        <p className="small muted">These rules add no address.</p>
      ) : (
        <ul className="plain-list small" data-testid="preview-samples">
          {samples.map((sample) => (
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
  );
}
