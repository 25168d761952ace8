'use client';

import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { meApi } from '../lib/api/endpoints.ts';
import type { Me } from '../lib/api/types.ts';
import { browserTimezone } from '../lib/format.ts';
import { applyTheme } from '../lib/theme.ts';
import { useResource } from '../lib/use-resource.ts';
import { ErrorState, Loading } from './ui.tsx';

interface Session {
  me: Me;
  /** The zone the user reads times in: the browser's when they follow it, else their setting. */
  timezone: string;
  reload: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Loads `GET /api/me` once for everything below it; a 401 goes to sign-in (the API client does that). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const me = useResource(() => meApi.get(), []);
  const user = me.data?.user;

  useEffect(() => {
    if (user) applyTheme(user.theme);
  }, [user]);

  const value = useMemo<Session | null>(() => {
    if (!me.data) return null;
    const { user } = me.data;
    return {
      me: me.data,
      timezone: user.followBrowserTimezone || !user.timezone ? browserTimezone() : user.timezone,
      reload: me.reload,
    };
  }, [me.data, me.reload]);

  if (!value) {
    if (me.error) {
      return (
        <div className="full-page-center">
          <div style={{ maxWidth: 480, width: '100%' }}>
            <ErrorState error={me.error} onRetry={() => void me.reload()} />
          </div>
        </div>
      );
    }
    return (
      <div className="full-page-center">
        <Loading />
      </div>
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
