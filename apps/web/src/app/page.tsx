'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ErrorState, Loading } from '../components/ui.tsx';
import { ApiError } from '../lib/api/client.ts';
import { meApi } from '../lib/api/endpoints.ts';
import { currentOrganization } from '../lib/current-organization.ts';
import { landingPath } from '../lib/navigation.ts';

/** `/`: signed out → sign-in; signed in → the first page of the current organization. */
export default function HomePage() {
  const router = useRouter();
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the check on "Try again"
  useEffect(() => {
    let cancelled = false;
    meApi
      .get({ redirectOn401: false })
      .then((me) => {
        if (cancelled) return;
        const organization = currentOrganization(me.organizations);
        router.replace(organization ? landingPath(organization) : '/welcome');
      })
      .catch((caught) => {
        if (cancelled) return;
        if (caught instanceof ApiError && caught.status === 401) router.replace('/sign-in');
        else setError(caught);
      });
    return () => {
      cancelled = true;
    };
  }, [router, attempt]);

  return (
    <div className="full-page-center">
      {error ? (
        <div style={{ maxWidth: 480, width: '100%' }}>
          <ErrorState
            error={error}
            onRetry={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          />
        </div>
      ) : (
        <Loading />
      )}
    </div>
  );
}
