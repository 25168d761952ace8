import type { AnalyticsStore } from '@sendops/analytics';
import type { DeleteOrganizationEvents, OAuthEndpoints } from '@sendops/auth';
import type { SendOpsConfig } from '@sendops/config';
import type { Database, OAuthProvider } from '@sendops/db';
import type { MailTransport } from '@sendops/mail';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { RateLimitSettings } from './http/rate-limits.ts';

/** Everything the API needs from outside; the launcher builds it, tests build their own. */
export interface ApiAppDeps {
  config: SendOpsConfig;
  db: Kysely<Database>;
  logger: FastifyBaseLogger;
  mail?: MailTransport;
  /** The events store (reports, the Undeliverable list); routes that read it answer 503 without it. */
  analytics?: AnalyticsStore;
  /** Removes an organization's ClickHouse rows when it is deleted. */
  deleteOrganizationEvents?: DeleteOrganizationEvents;
  /** Overrides of the default limits (tests lower them). */
  rateLimits?: Partial<RateLimitSettings>;
  /** Where GitHub's and Google's OAuth endpoints are (tests point them at a local fake provider). */
  oauthEndpoints?: Partial<Record<OAuthProvider, OAuthEndpoints>>;
}
