'use client';

import Link from 'next/link';
import { useParams, usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../lib/api/client.ts';
import { orgApi } from '../lib/api/endpoints.ts';
import { rememberOrganization } from '../lib/current-organization.ts';
import { firstSettingsTab, orgPath, visibleNavigation } from '../lib/navigation.ts';
import { AwsStatusSlot } from './aws-status.tsx';
import { Banners } from './banners.tsx';
import { Icon } from './icons.tsx';
import { OrganizationProvider } from './organization-context.tsx';
import { OrganizationSwitcher } from './organization-switcher.tsx';
import { useSession } from './session.tsx';
import { ErrorState, Loading } from './ui.tsx';
import { UserMenu } from './user-menu.tsx';

/** The frame of every `/o/[slug]/...` page: sidebar, header, banners, content. */
export function OrganizationShell({ children }: { children: ReactNode }) {
  const { slug } = useParams<{ slug: string }>();
  const { me } = useSession();
  const membership = me.organizations.find((m) => m.slug === slug);

  useEffect(() => {
    if (membership) rememberOrganization(membership.slug);
  }, [membership]);

  if (!membership) return <UnknownOrganization slug={slug} />;
  return (
    <OrganizationProvider value={membership}>
      <Frame>{children}</Frame>
    </OrganizationProvider>
  );
}

function Frame({ children }: { children: ReactNode }) {
  const { slug } = useParams<{ slug: string }>();
  const pathname = usePathname();
  const { me } = useSession();
  const membership = me.organizations.find((m) => m.slug === slug)!;
  const [menuOpen, setMenuOpen] = useState(false);

  // A navigation closes the phone menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger
  useEffect(() => setMenuOpen(false), [pathname]);

  const groups = visibleNavigation(membership);
  return (
    <div className="shell">
      <div
        className="sidebar-overlay"
        data-open={menuOpen}
        onClick={() => setMenuOpen(false)}
        aria-hidden="true"
      />
      <aside className="sidebar" data-open={menuOpen} aria-label="Main navigation">
        <div className="spread">
          <Link href="/" className="sidebar-brand" style={{ color: 'inherit', textDecoration: 'none' }}>
            <span className="logo">S</span>
            <span className="brand-name">SendOps</span>
          </Link>
          <button
            type="button"
            className="btn btn-ghost btn-icon menu-toggle"
            onClick={() => setMenuOpen(false)}
            aria-label="Close menu"
          >
            <Icon name="close" />
          </button>
        </div>
        <OrganizationSwitcher current={membership} />
        <nav className="stack" style={{ gap: 14 }} data-testid="sidebar-nav">
          {groups.map((group) => (
            <div key={group.id}>
              <div className="nav-group-label">{group.label}</div>
              {group.entries.map((entry) => {
                const href = orgPath(
                  slug,
                  entry.id === 'settings' ? firstSettingsTab(membership) : entry.path,
                );
                const active = pathname.startsWith(orgPath(slug, entry.path));
                return (
                  <Link
                    key={entry.id}
                    href={href}
                    className="nav-link"
                    aria-current={active ? 'page' : undefined}
                  >
                    <Icon name={entry.icon} />
                    {entry.label}
                  </Link>
                );
              })}
            </div>
          ))}
        </nav>
        <div className="sidebar-footer">Signed in as {me.user.email}</div>
      </aside>
      <div className="main">
        <header className="header">
          <button
            type="button"
            className="btn btn-ghost btn-icon menu-toggle"
            onClick={() => setMenuOpen(true)}
            aria-label="Open menu"
          >
            <Icon name="menu" size={18} />
          </button>
          <span className="org-name hide-desktop" style={{ minWidth: 0 }}>
            {membership.name}
          </span>
          <div className="header-spacer" />
          <AwsStatusSlot />
          <UserMenu />
        </header>
        <Banners membership={membership} />
        <main className="content">{children}</main>
      </div>
    </div>
  );
}

/**
 * The slug is not one of the user's memberships: it may be an old slug (the API answers 308 to the
 * new one, which fetch follows) or an organization they are not in (404).
 */
function UnknownOrganization({ slug }: { slug: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const { reload } = useSession();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    orgApi
      .get(slug)
      .then(async (organization) => {
        if (cancelled) return;
        if (organization.slug !== slug) {
          router.replace(pathname.replace(orgPath(slug), orgPath(organization.slug)));
        } else {
          await reload();
        }
      })
      .catch((caught) => !cancelled && setError(caught));
    return () => {
      cancelled = true;
    };
  }, [slug, pathname, router, reload]);

  if (!error)
    return (
      <div className="full-page-center">
        <Loading />
      </div>
    );
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="full-page-center">
      <div style={{ maxWidth: 520, width: '100%' }} className="stack">
        <ErrorState
          title={notFound ? 'Organization not found' : undefined}
          error={notFound ? new Error(`There is no organization "${slug}" that you are a member of.`) : error}
        />
        <Link className="btn" href="/">
          Go to your dashboard
        </Link>
      </div>
    </div>
  );
}
