// One typed function per apps/api endpoint the dashboard uses (docs/dashboard-api.md).
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { api } from './client.ts';
import type {
  ApiKey,
  AuditPage,
  AuditVerification,
  AuthProviders,
  Connection,
  CreatedApiKey,
  InvitationLink,
  Me,
  Member,
  MfaEnrollment,
  MfaOverview,
  OAuthProvider,
  Organization,
  OrganizationSummary,
  OwnershipTransfer,
  Role,
  SessionTimeout,
  SignInResult,
  Team,
  TeamInvitation,
  Theme,
  TotpSetup,
  User,
  WeekStart,
} from './types.ts';

const seg = encodeURIComponent;
const org = (slug: string) => `/api/orgs/${seg(slug)}`;

export const authApi = {
  providers: () => api.get<AuthProviders>('/api/auth/providers', { redirectOn401: false }),
  signUp: (input: { name: string; email: string; password: string }) =>
    api.post<{ user: User }>('/api/auth/signup', input, { redirectOn401: false }),
  signIn: (input: { email: string; password: string }) =>
    api.post<SignInResult>('/api/auth/signin', input, { redirectOn401: false }),
  mfaTotp: (code: string) =>
    api.post<{ status: 'signed_in' }>('/api/auth/mfa/totp', { code }, { redirectOn401: false }),
  mfaRecoveryCode: (code: string) =>
    api.post<{ status: 'signed_in' }>('/api/auth/mfa/recovery-code', { code }, { redirectOn401: false }),
  mfaWebauthnOptions: () =>
    api.post<PublicKeyCredentialRequestOptionsJSON>(
      '/api/auth/mfa/webauthn/options',
      {},
      { redirectOn401: false },
    ),
  mfaWebauthnVerify: (response: unknown) =>
    api.post<{ status: 'signed_in' }>(
      '/api/auth/mfa/webauthn/verify',
      { response },
      { redirectOn401: false },
    ),
  signOut: () => api.post<void>('/api/auth/signout', {}, { redirectOn401: false }),
  oauthStartUrl: (provider: OAuthProvider, next: string) =>
    `/api/auth/oauth/${provider}/start?next=${encodeURIComponent(next)}`,
};

export const meApi = {
  get: (options?: { redirectOn401?: boolean }) => api.get<Me>('/api/me', options),
  update: (
    patch: Partial<{
      name: string;
      timezone: string;
      followBrowserTimezone: boolean;
      weekStart: WeekStart;
      theme: Theme;
    }>,
  ) => api.patch<{ user: User }>('/api/me', patch),
  changePassword: (input: { currentPassword: string; newPassword: string }) =>
    api.post<void>('/api/me/password', input),
  changeEmail: (email: string) => api.post<void>('/api/me/email', { email }),
  verifyEmail: (token: string) => api.post<{ user: User }>('/api/me/email/verify', { token }),
  mfa: () => api.get<MfaOverview>('/api/me/mfa'),
  totpSetup: () => api.post<TotpSetup>('/api/me/mfa/totp/setup'),
  totpVerify: (input: { setupId: string; code: string; name: string }) =>
    api.post<MfaEnrollment>('/api/me/mfa/totp/verify', input),
  webauthnOptions: () => api.post<PublicKeyCredentialCreationOptionsJSON>('/api/me/mfa/webauthn/options'),
  webauthnVerify: (input: { response: unknown; name: string }) =>
    api.post<MfaEnrollment>('/api/me/mfa/webauthn/verify', input),
  renameCredential: (id: string, name: string) =>
    api.patch<unknown>(`/api/me/mfa/credentials/${seg(id)}`, { name }),
  removeCredential: (id: string) => api.delete(`/api/me/mfa/credentials/${seg(id)}`),
  regenerateRecoveryCodes: () => api.post<{ recoveryCodes: string[] }>('/api/me/mfa/recovery-codes'),
  connections: () => api.get<Connection[]>('/api/me/connections'),
  disconnect: (provider: OAuthProvider) => api.delete(`/api/me/connections/${provider}`),
  acceptInvitation: (id: string) =>
    api.post<{ organizationSlug: string }>(`/api/me/invitations/${seg(id)}/accept`),
  declineInvitation: (id: string) => api.post<void>(`/api/me/invitations/${seg(id)}/decline`),
};

export const invitationLinkApi = {
  get: (token: string) => api.get<InvitationLink>(`/api/invitations/${seg(token)}`, { redirectOn401: false }),
  accept: (token: string) =>
    api.post<{ organizationSlug: string }>(
      `/api/invitations/${seg(token)}/accept`,
      {},
      { redirectOn401: false },
    ),
  decline: (token: string) =>
    api.post<void>(`/api/invitations/${seg(token)}/decline`, {}, { redirectOn401: false }),
};

export interface AuditQuery {
  resourceType?: string;
  operation?: string;
  actor?: string;
  cursor?: string;
  limit?: number;
}

export const orgApi = {
  list: () => api.get<{ items: OrganizationSummary[] }>('/api/orgs'),
  create: (name: string) => api.post<{ organization: OrganizationSummary }>('/api/orgs', { name }),
  get: (slug: string) => api.get<Organization>(org(slug)),
  update: (
    slug: string,
    patch: Partial<{ name: string; slug: string; sessionTimeout: SessionTimeout; mfaEnforced: boolean }>,
  ) => api.patch<Organization>(org(slug), patch),
  remove: (slug: string, confirmName: string) => api.delete(org(slug), { confirmName }),
  leave: (slug: string) => api.post<void>(`${org(slug)}/leave`),
  setLogo: (slug: string, file: Blob) =>
    api.putRaw<{ logoUrl: string; contentType: string; size: number }>(`${org(slug)}/logo`, file),
  removeLogo: (slug: string) => api.delete(`${org(slug)}/logo`),

  team: (slug: string) => api.get<Team>(`${org(slug)}/members`),
  invite: (slug: string, input: { email: string; role: Role }) =>
    api.post<{ invitation: TeamInvitation }>(`${org(slug)}/invitations`, input),
  resendInvitation: (slug: string, id: string) =>
    api.post<{ invitation: TeamInvitation }>(`${org(slug)}/invitations/${seg(id)}/resend`),
  revokeInvitation: (slug: string, id: string) => api.delete(`${org(slug)}/invitations/${seg(id)}`),
  changeRole: (slug: string, userId: string, role: Role) =>
    api.patch<{ member: Member }>(`${org(slug)}/members/${seg(userId)}`, { role }),
  removeMember: (slug: string, userId: string) => api.delete(`${org(slug)}/members/${seg(userId)}`),

  ownershipTransfer: (slug: string) =>
    api.get<{ transfer: OwnershipTransfer | null }>(`${org(slug)}/ownership-transfer`),
  startOwnershipTransfer: (slug: string, targetUserId: string) =>
    api.post<unknown>(`${org(slug)}/ownership-transfer`, { targetUserId }),
  cancelOwnershipTransfer: (slug: string) => api.delete(`${org(slug)}/ownership-transfer`),
  acceptOwnershipTransfer: (slug: string) => api.post<void>(`${org(slug)}/ownership-transfer/accept`),

  apiKeys: (slug: string) => api.get<{ items: ApiKey[] }>(`${org(slug)}/api-keys`),
  createApiKey: (slug: string, input: { name: string; scopes: string[]; environment: 'live' | 'test' }) =>
    api.post<CreatedApiKey>(`${org(slug)}/api-keys`, input),
  revokeApiKey: (slug: string, id: string) => api.delete(`${org(slug)}/api-keys/${seg(id)}`),

  auditLog: (slug: string, query: AuditQuery) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return api.get<AuditPage>(`${org(slug)}/audit-log${qs ? `?${qs}` : ''}`);
  },
  verifyAuditLog: (slug: string) => api.get<AuditVerification>(`${org(slug)}/audit-log/verify`),
};
