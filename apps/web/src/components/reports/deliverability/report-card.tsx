'use client';

import type { ReactNode } from 'react';
import { ErrorState, Loading } from '../../ui.tsx';

/** A titled card for one report section, with its loading, error and empty states. */
export function ReportCard({
  title,
  info,
  testId,
  loading,
  error,
  onRetry,
  empty,
  emptyText,
  children,
}: {
  title: string;
  /** The definition shown in the ⓘ tooltip (where the spec is silent, what we chose). */
  info: string;
  testId: string;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  empty: boolean;
  emptyText: string;
  children: ReactNode;
}) {
  return (
    <section className="card report-card" data-testid={testId} aria-busy={loading}>
      <div className="card-header">
        <h2>
          {title} <InfoTip text={info} />
        </h2>
      </div>
      <div className="card-body">
        {error ? (
          <ErrorState error={error} onRetry={onRetry} />
        ) : loading && empty ? (
          <Loading />
        ) : empty ? (
          <div className="empty">{emptyText}</div>
        ) : (
          children
        )}
      </div>
    </section>
  );
}

export function InfoTip({ text }: { text: string }) {
  return (
    <span className="info-tip" title={text} role="img" aria-label={text}>
      i
    </span>
  );
}

/** One headline figure. */
export function Kpi({
  label,
  value,
  info,
  sub,
  tone,
  testId,
}: {
  label: string;
  value: string;
  info: string;
  sub?: string;
  tone?: 'ok' | 'warning' | 'critical' | undefined;
  testId?: string;
}) {
  return (
    <div className="kpi" data-testid={testId} data-tone={tone}>
      <div className="kpi-label">
        {label} <InfoTip text={info} />
      </div>
      <div className="kpi-value">{value}</div>
      {sub && <div className="kpi-sub">{sub}</div>}
    </div>
  );
}
