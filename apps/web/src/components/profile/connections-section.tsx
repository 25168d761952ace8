'use client';

import { useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import { authApi, meApi } from '../../lib/api/endpoints.ts';
import type { OAuthProvider } from '../../lib/api/types.ts';
import { formatDate } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useSession } from '../session.tsx';
import { Alert, ConfirmDialog, ErrorState, Loading } from '../ui.tsx';

const PROVIDERS: { id: OAuthProvider; label: string }[] = [
  { id: 'github', label: 'GitHub' },
  { id: 'google', label: 'Google' },
];

/** GitHub / Google single sign-on links; only configured providers can be connected. */
export function ConnectionsSection() {
  const { me, timezone, reload } = useSession();
  const data = useResource(async () => {
    const [connections, providers] = await Promise.all([meApi.connections(), authApi.providers()]);
    return { connections, providers };
  }, []);
  const [disconnecting, setDisconnecting] = useState<OAuthProvider | null>(null);

  return (
    <section className="card" id="connections">
      <div className="card-header">
        <div>
          <h2>Connected accounts</h2>
          <p className="muted small">
            Sign in with GitHub or Google instead of (or as well as) your password.
          </p>
        </div>
      </div>
      <div className="card-body">
        {data.error && !data.data ? (
          <ErrorState error={data.error} onRetry={() => void data.reload()} />
        ) : !data.data ? (
          <Loading />
        ) : (
          PROVIDERS.map((provider) => {
            const connection = data.data?.connections.find((c) => c.provider === provider.id);
            const configured = data.data?.providers[provider.id] ?? false;
            const onlyMethod =
              Boolean(connection) && !me.user.hasPassword && (data.data?.connections.length ?? 0) <= 1;
            return (
              <div className="settings-row" key={provider.id}>
                <div>
                  <h3>{provider.label}</h3>
                  <p className="muted small">
                    {connection
                      ? `Connected ${formatDate(connection.connectedAt, timezone)}`
                      : configured
                        ? 'Not connected'
                        : 'Not available on this SendOps installation'}
                  </p>
                </div>
                {connection ? (
                  <button
                    type="button"
                    className="btn"
                    disabled={onlyMethod}
                    title={onlyMethod ? 'Keep at least one way to sign in' : undefined}
                    onClick={() => setDisconnecting(provider.id)}
                  >
                    Disconnect
                  </button>
                ) : configured ? (
                  <a className="btn" href={authApi.oauthStartUrl(provider.id, window.location.pathname)}>
                    Connect
                  </a>
                ) : null}
              </div>
            );
          })
        )}
        {data.data && !me.user.hasPassword && data.data.connections.length <= 1 && (
          <Alert kind="info">You must always keep at least one way to sign in.</Alert>
        )}
      </div>
      {disconnecting && (
        <ConfirmDialog
          title={`Disconnect ${PROVIDERS.find((p) => p.id === disconnecting)?.label}?`}
          description="You can no longer sign in with it."
          confirmLabel="Disconnect"
          danger
          onClose={() => setDisconnecting(null)}
          onConfirm={async () => {
            try {
              await meApi.disconnect(disconnecting);
            } catch (caught) {
              throw new Error(errorMessage(caught));
            }
            setDisconnecting(null);
            await Promise.all([data.reload(), reload()]);
          }}
        />
      )}
    </section>
  );
}
