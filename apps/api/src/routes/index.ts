import { apiKeyRoutes } from './api-key-routes.ts';
import { auditLogRoutes } from './audit-log-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { channelRoutes } from './channel-routes.ts';
import { devOutboxRoutes } from './dev-outbox-routes.ts';
import { healthRoutes } from './health-routes.ts';
import { meRoutes } from './me-routes.ts';
import { mfaRoutes } from './mfa-routes.ts';
import { mfaSignInRoutes } from './mfa-sign-in-routes.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { orgLogoRoutes } from './org-logo-routes.ts';
import { orgRoutes } from './org-routes.ts';
import { profileRoutes } from './profile-routes.ts';
import { reportsCostsRoutes } from './reports-costs-routes.ts';
import { reportsDeliverabilityRoutes } from './reports-deliverability-routes.ts';
import { reportsMessagesRoutes } from './reports-messages-routes.ts';
import type { RouteModule } from './route-module.ts';
import { teamExpirySweeps } from './team-expiry-sweeps.ts';
import { teamInvitationRoutes } from './team-invitation-routes.ts';
import { teamInviteeRoutes } from './team-invitee-routes.ts';
import { teamMemberRoutes } from './team-member-routes.ts';
import { teamOwnershipTransferRoutes } from './team-ownership-transfer-routes.ts';
import { undeliverableRoutes } from './undeliverable-routes.ts';
import { v1AccountRoutes } from './v1-account-routes.ts';
import { v1DeliverabilityRoutes } from './v1-deliverability-routes.ts';
import { v1MessagesRoutes } from './v1-messages-routes.ts';
import { v1OpenApiRoutes } from './v1-openapi-routes.ts';

// Every route module of the API, registered in this order. Add yours with one line.
export const routeModules: RouteModule[] = [
  healthRoutes,
  authRoutes,
  mfaSignInRoutes,
  oauthRoutes,
  meRoutes,
  profileRoutes,
  mfaRoutes,
  orgRoutes,
  orgLogoRoutes,
  apiKeyRoutes,
  auditLogRoutes,
  teamMemberRoutes,
  teamInvitationRoutes,
  teamInviteeRoutes,
  teamOwnershipTransferRoutes,
  teamExpirySweeps,
  devOutboxRoutes,
  v1AccountRoutes,
  undeliverableRoutes,
  channelRoutes,
  reportsCostsRoutes,
  reportsMessagesRoutes,
  v1MessagesRoutes,
  reportsDeliverabilityRoutes,
  v1DeliverabilityRoutes,
  v1OpenApiRoutes,
];
