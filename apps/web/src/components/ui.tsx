'use client';

import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../lib/api/client.ts';

export function Spinner({ label }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label ?? 'Loading'} />;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading">
      <Spinner label={label} />
      <span>{label}</span>
    </div>
  );
}

export function Alert({
  kind,
  children,
}: {
  kind: 'error' | 'warning' | 'success' | 'info';
  children: ReactNode;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div>{children}</div>
    </div>
  );
}

/** The error state of a page or section: what failed, in words, and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const status = error instanceof ApiError ? error.status : 0;
  if (error instanceof ApiError && error.code === 'mfa_required') {
    // The organization enforces MFA and the grace period is over (spec: account-settings, Security).
    return (
      <div className="card" data-testid="error-state">
        <div className="card-body stack" style={{ alignItems: 'flex-start' }}>
          <h2>Multi-factor authentication required</h2>
          <p className="muted">{error.message}</p>
          <a className="btn btn-primary" href="/profile#mfa">
            Set up MFA
          </a>
        </div>
      </div>
    );
  }
  const heading =
    title ??
    (status === 404
      ? 'Not found'
      : status === 403
        ? 'You do not have access to this'
        : status === 0 || status >= 500
          ? 'SendOps could not load this'
          : 'Something went wrong');
  return (
    <div className="card" data-testid="error-state">
      <div className="card-body stack" style={{ alignItems: 'flex-start' }}>
        <h2>{heading}</h2>
        <p className="muted">{errorMessage(error)}</p>
        {onRetry && (
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}

export function FieldError({ message, id }: { message?: string | null; id?: string }) {
  if (!message) return null;
  return (
    <span className="field-error" id={id} role="alert">
      {message}
    </span>
  );
}

export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  autoComplete,
  placeholder,
  maxLength,
  autoFocus,
  name,
  disabled,
  inputMode,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: ReactNode;
  type?: string;
  autoComplete?: string;
  placeholder?: string;
  maxLength?: number;
  autoFocus?: boolean;
  name?: string;
  disabled?: boolean;
  inputMode?: 'numeric' | 'text' | 'email';
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        className="input"
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        placeholder={placeholder}
        maxLength={maxLength}
        // biome-ignore lint/a11y/noAutofocus: dialogs and single-purpose forms focus their first field
        autoFocus={autoFocus}
        disabled={disabled}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {hint && !error && <span className="field-hint">{hint}</span>}
      <FieldError message={error} id={errorId} />
    </div>
  );
}

export function Dialog({
  title,
  description,
  children,
  footer,
  onClose,
  labelledBy,
}: {
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  footer: ReactNode;
  onClose: () => void;
  labelledBy?: string;
}) {
  const generated = useId();
  const titleId = labelledBy ?? generated;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes the dialog; Escape does too
    <div
      className="dialog-backdrop"
      role="presentation"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <div className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          {description && <p>{description}</p>}
        </div>
        {children && <div className="dialog-body">{children}</div>}
        <div className="dialog-footer">{footer}</div>
      </div>
    </div>
  );
}

/** A dialog around one form: Cancel and the submit button in the footer; it cannot close while busy. */
export function FormDialog({
  title,
  description,
  formId,
  submitLabel,
  busy,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  description?: ReactNode;
  formId: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void | Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      title={title}
      description={description}
      onClose={() => !busy && onClose()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
            {busy && <Spinner />}
            {submitLabel}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </Dialog>
  );
}

/** The "Load more" button under a keyset-paged list; hidden once the last page is in. */
export function LoadMore({
  list,
}: {
  list: { nextCursor: string | null; loadingMore: boolean; loadMore: () => Promise<void> };
}) {
  if (!list.nextCursor) return null;
  return (
    <div className="load-more">
      <button type="button" className="btn" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
        {list.loadingMore ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}

/** A yes/no question before a consequential action; shows the action's own error in place. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  danger,
  onConfirm,
  onClose,
  children,
  confirmDisabled,
}: {
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children?: ReactNode;
  confirmDisabled?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      title={title}
      description={description}
      onClose={() => !busy && onClose()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={busy || confirmDisabled}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await onConfirm();
              } catch (caught) {
                setError(errorMessage(caught));
                setBusy(false);
              }
            }}
          >
            {busy && <Spinner />}
            {confirmLabel}
          </button>
        </>
      }
    >
      {(children || error) && (
        <div className="stack">
          {children}
          {error && <Alert kind="error">{error}</Alert>}
        </div>
      )}
    </Dialog>
  );
}

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-sm"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
        } catch {
          // Clipboard API refused (insecure origin): select-and-copy fallback.
          const area = document.createElement('textarea');
          area.value = value;
          document.body.appendChild(area);
          area.select();
          document.execCommand('copy');
          area.remove();
        }
        setCopied(true);
        window.setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1 ? `${parts[0]![0]}${parts[parts.length - 1]![0]}` : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

export function Avatar({ name, url, small }: { name: string; url?: string | null; small?: boolean }) {
  return (
    <span className={small ? 'avatar avatar-sm' : 'avatar'} aria-hidden="true">
      {url ? <img src={url} alt="" /> : initials(name)}
    </span>
  );
}

/** A button that opens a small menu; closes on outside click and Escape. */
export function Popover({
  button,
  children,
  align = 'right',
  label,
  buttonClassName = 'btn btn-ghost btn-icon',
}: {
  button: ReactNode;
  children: (close: () => void) => ReactNode;
  align?: 'left' | 'right';
  label: string;
  buttonClassName?: string;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="popover-anchor" ref={ref}>
      <button
        type="button"
        className={buttonClassName}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
      >
        {button}
      </button>
      {open && (
        <div className={`popover popover-${align}`} role="menu">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

/** A `Popover` menu entry that closes the menu, then does what was chosen. */
export function MenuItem({
  close,
  onSelect,
  danger = false,
  children,
}: {
  /** The `close` the Popover hands its children. */
  close: () => void;
  onSelect: () => void;
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      role="menuitem"
      className={danger ? 'menu-item menu-item-danger' : 'menu-item'}
      onClick={() => {
        close();
        onSelect();
      }}
    >
      {children}
    </button>
  );
}
