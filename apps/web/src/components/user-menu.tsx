'use client';

import Link from 'next/link';
import { useState } from 'react';
import { authApi } from '../lib/api/endpoints.ts';
import { orgPath } from '../lib/navigation.ts';
import { Icon } from './icons.tsx';
import { useOrganization } from './organization-context.tsx';
import { useSession } from './session.tsx';
import { Avatar, Popover } from './ui.tsx';

export function UserMenu() {
  const { me } = useSession();
  const membership = useOrganization();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <Popover
      label="Account menu"
      buttonClassName="btn btn-ghost"
      button={
        <>
          <Avatar name={me.user.name} url={me.user.avatarUrl} small />
          <span className="hide-phone">{me.user.name}</span>
          <Icon name="chevronDown" />
        </>
      }
    >
      {(close) => (
        <>
          <div style={{ padding: '6px 10px 8px' }}>
            <div className="person-name">{me.user.name}</div>
            <div className="person-email">{me.user.email}</div>
          </div>
          <div className="menu-sep" />
          <Link
            href={orgPath(membership.slug, '/profile')}
            className="menu-item"
            role="menuitem"
            onClick={close}
          >
            <Icon name="user" /> Profile
          </Link>
          <button
            type="button"
            className="menu-item"
            role="menuitem"
            disabled={signingOut}
            onClick={async () => {
              setSigningOut(true);
              try {
                await authApi.signOut();
              } finally {
                window.location.assign('/sign-in');
              }
            }}
          >
            <Icon name="logout" /> Sign out
          </button>
        </>
      )}
    </Popover>
  );
}
