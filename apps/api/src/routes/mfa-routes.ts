import {
  type AddedCredential,
  confirmTotpSetup,
  countUnusedRecoveryCodes,
  finishWebAuthnRegistration,
  listMfaCredentials,
  type MfaCredentialSummary,
  type RegistrationResponseJSON,
  regenerateRecoveryCodes,
  removeMfaCredential,
  renameMfaCredential,
  startTotpSetup,
  startWebAuthnRegistration,
} from '@sendops/auth';
import { Type } from '@sinclair/typebox';
import { sessionOf } from '../http/api-app.ts';
import { mfaContextOf } from '../http/mfa-context.ts';
import { WebAuthnResponse } from './mfa-sign-in-routes.ts';
import type { RouteModule } from './route-module.ts';

const CredentialName = Type.String({ minLength: 1, maxLength: 64 });
const CredentialParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

function credentialJson(credential: MfaCredentialSummary) {
  return {
    id: credential.id,
    type: credential.type,
    name: credential.name,
    createdAt: credential.createdAt.toISOString(),
    lastUsedAt: credential.lastUsedAt?.toISOString() ?? null,
  };
}

const addedJson = (added: AddedCredential) => ({
  credential: credentialJson(added.credential),
  recoveryCodes: added.recoveryCodes,
});

/**
 * MFA management on the Profile page (team/account-settings). Personal, not organization actions: no
 * organization audit entry is written (an organization's log records what members do to it; a user's
 * own second factor is theirs, and would otherwise land in every organization they belong to).
 */
export const mfaRoutes: RouteModule = (app, deps) => {
  // Resolved now, so a production API without SENDOPS_SECRET_KEY refuses to start instead of failing later.
  mfaContextOf(deps);
  const config = { permission: 'authenticated' } as const;
  const userOf = (request: Parameters<typeof sessionOf>[0]) => sessionOf(request).user;

  app.get('/api/me/mfa', { config }, async (request) => {
    const user = userOf(request);
    const credentials = await listMfaCredentials(deps.db, user.id);
    return {
      credentials: credentials.map(credentialJson),
      recoveryCodesRemaining: await countUnusedRecoveryCodes(deps.db, user.id),
    };
  });

  app.post('/api/me/mfa/totp/setup', { config }, async (request) =>
    startTotpSetup(mfaContextOf(deps), userOf(request)),
  );

  app.post(
    '/api/me/mfa/totp/verify',
    {
      config,
      schema: {
        body: Type.Object({
          setupId: Type.String({ minLength: 1, maxLength: 64 }),
          code: Type.String({ minLength: 1, maxLength: 16 }),
          name: CredentialName,
        }),
      },
    },
    async (request) => addedJson(await confirmTotpSetup(mfaContextOf(deps), userOf(request), request.body)),
  );

  app.post('/api/me/mfa/webauthn/options', { config }, async (request) =>
    startWebAuthnRegistration(mfaContextOf(deps), userOf(request)),
  );

  app.post(
    '/api/me/mfa/webauthn/verify',
    { config, schema: { body: Type.Object({ response: WebAuthnResponse, name: CredentialName }) } },
    async (request) =>
      addedJson(
        await finishWebAuthnRegistration(mfaContextOf(deps), userOf(request), {
          response: request.body.response as unknown as RegistrationResponseJSON,
          name: request.body.name,
        }),
      ),
  );

  app.patch(
    '/api/me/mfa/credentials/:id',
    { config, schema: { params: CredentialParams, body: Type.Object({ name: CredentialName }) } },
    async (request) => ({
      credential: credentialJson(
        await renameMfaCredential(deps.db, userOf(request).id, request.params.id, request.body.name),
      ),
    }),
  );

  app.delete(
    '/api/me/mfa/credentials/:id',
    { config, schema: { params: CredentialParams } },
    async (request, reply) => {
      await removeMfaCredential(deps.db, userOf(request).id, request.params.id);
      return reply.code(204).send();
    },
  );

  app.post('/api/me/mfa/recovery-codes', { config }, async (request) => ({
    recoveryCodes: await regenerateRecoveryCodes(deps.db, userOf(request).id),
  }));
};
