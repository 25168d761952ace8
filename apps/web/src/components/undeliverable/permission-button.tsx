'use client';

import type { ReactNode } from 'react';

/**
 * A button the member's role may not use is shown disabled, with the reason as its tooltip (spec:
 * undeliverable-list, Permissions). The tooltip sits on a wrapper because a disabled button gets no
 * pointer events in most browsers.
 */
export function PermissionButton({
  allowed,
  why,
  className = 'btn btn-sm',
  onClick,
  children,
}: {
  allowed: boolean;
  why: string;
  className?: string;
  onClick: () => void;
  children: ReactNode;
}) {
  if (allowed)
    return (
      <button type="button" className={className} onClick={onClick}>
        {children}
      </button>
    );
  return (
    <span className="permission-tip" title={why} data-tooltip={why}>
      <button
        type="button"
        className={className}
        disabled
        aria-disabled="true"
        aria-label={undefined}
        title={why}
      >
        {children}
      </button>
    </span>
  );
}

export const MANAGE_DENIED =
  'Your role cannot allow or re-list addresses: it needs the undeliverable.manage permission (Owner, Org Admin, Marketer, Customer Support).';
export const CONFIGURE_DENIED =
  'Your role cannot change classification rules: it needs the undeliverable.configure permission (Owner, Org Admin).';
