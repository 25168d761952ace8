import { type MfaContext, relyingPartyFor, resolveSecretKey } from '@sendops/auth';
import type { ApiAppDeps } from '../api-deps.ts';

const contexts = new WeakMap<ApiAppDeps, MfaContext>();

/**
 * One MFA context per app: the secret key is resolved once (in production a missing
 * SENDOPS_SECRET_KEY stops the API at start-up), the WebAuthn relying party is SENDOPS_PUBLIC_URL.
 */
export function mfaContextOf(deps: ApiAppDeps): MfaContext {
  let context = contexts.get(deps);
  if (!context) {
    context = {
      db: deps.db,
      secretKey: resolveSecretKey({
        secretKey: deps.config.secretKey,
        env: deps.config.env,
        dataDir: deps.config.dataDir,
      }),
      rp: relyingPartyFor(deps.config.publicUrl),
    };
    contexts.set(deps, context);
  }
  return context;
}
