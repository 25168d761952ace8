// JSON shapes of apps/api, mirroring docs/dashboard-api.md. Times are ISO-8601 strings (UTC).

export const ROLES = [
  'owner',
  'org_admin',
  'infra_admin',
  'developer',
  'marketer',
  'financial',
  'customer_support',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles an invitation or a role change may assign: never `owner` (ownership moves by transfer). */
export const ASSIGNABLE_ROLES = ROLES.filter((role) => role !== 'owner');

export type Theme = 'light' | 'dark' | 'system';
export type WeekStart = 'monday' | 'sunday';
export type MfaMethod = 'totp' | 'webauthn' | 'recovery_code';
export type SessionTimeout = '1h' | '4h' | '8h' | '24h' | '7d' | '30d';
export type Plan = 'free' | 'team' | 'business';
export type OAuthProvider = 'github' | 'google';

export interface User {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  avatarUrl: string | null;
  hasPassword: boolean;
  timezone: string;
  followBrowserTimezone: boolean;
  weekStart: WeekStart;
  theme: Theme;
  mfaEnabled: boolean;
}

export interface Membership {
  id: string;
  name: string;
  slug: string;
  isDemo: boolean;
  role: Role;
  permissions: string[];
  mfaSetupDeadline: string | null;
  /** The workspace logo (`GET /api/orgs/:slug/logo?v=…`); null shows the initials. */
  logoUrl: string | null;
}

export interface Person {
  name: string;
  email: string;
}

export interface MyInvitation {
  id: string;
  organizationName: string;
  role: Role;
  /** null when the inviter's account is gone. */
  invitedBy: Person | null;
  expiresAt: string;
}

export interface MyOwnershipTransfer {
  id: string;
  organizationSlug: string;
  organizationName: string;
  from: Person;
  expiresAt: string;
}

export interface Me {
  user: User;
  organizations: Membership[];
  invitations: MyInvitation[];
  ownershipTransfers: MyOwnershipTransfer[];
}

export interface AuthProviders {
  github: boolean;
  google: boolean;
}

export type SignInResult = { status: 'signed_in' } | { status: 'mfa_required'; methods: MfaMethod[] };

export interface MfaCredential {
  id: string;
  type: 'totp' | 'webauthn';
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface MfaOverview {
  credentials: MfaCredential[];
  recoveryCodesRemaining: number;
}

export interface TotpSetup {
  setupId: string;
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

export interface MfaEnrollment {
  credential: MfaCredential;
  /** Only when this was the user's first MFA method. */
  recoveryCodes: string[] | null;
}

export interface Connection {
  provider: OAuthProvider;
  connectedAt: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'revoked';

export interface InvitationLink {
  organizationName: string;
  role: Role;
  invitedBy: Person;
  email: string;
  expiresAt: string;
  status: InvitationStatus;
}

export interface OrganizationSummary {
  id: string;
  name: string;
  slug: string;
  isDemo: boolean;
  role: Role;
}

export interface Organization extends OrganizationSummary {
  plan: Plan;
  sessionTimeout: SessionTimeout;
  mfaEnforced: boolean;
  mfaEnforcedAt: string | null;
  permissions: string[];
  logoUrl: string | null;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
  mfaEnabled: boolean;
}

export interface TeamInvitation {
  id: string;
  email: string;
  role: Role;
  /** The contract leaves the shape open; the API may send a name or a person. */
  invitedBy: Person | string | null;
  createdAt: string;
  expiresAt: string;
  status: InvitationStatus;
}

export interface Team {
  members: Member[];
  invitations: TeamInvitation[];
}

export interface TransferParty {
  userId: string;
  name: string;
  email: string;
}

export interface OwnershipTransfer {
  id: string;
  to: TransferParty;
  from: TransferParty;
  createdAt: string;
  expiresAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  environment: 'live' | 'test';
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: Person | string | null;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  secret: string;
}

export interface AuditEntry {
  id: string;
  sequence: number;
  occurredAt: string;
  actor: Person | null;
  resourceType: string;
  resourceId: string | null;
  operation: string;
  summary: string;
  before: unknown;
  after: unknown;
  note: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
  retentionDays: number;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBrokenSequence: number | null;
}

export interface List<T> {
  items: T[];
  nextCursor?: string | null;
}
