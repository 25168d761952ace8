import { z } from 'zod';

/**
 * Every environment variable SendOps reads, with its parser, default and meaning.
 * docs/configuration.md is generated from this list (`npm run docs:config`) and a test keeps it in sync.
 */
export interface VariableSpec<T extends z.ZodType = z.ZodType> {
  schema: T;
  default?: string;
  description: string;
}

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const boolFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL with scheme ${protocols.map((p) => p.replace(':', '')).join(' or ')}` },
  );

export const variables = {
  NODE_ENV: {
    schema: z.enum(['development', 'production', 'test']),
    default: 'development',
    description: 'Runtime mode. `production` turns on secure cookies and hides error details.',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    description: 'pino log level for every service.',
  },
  SENDOPS_DATA_DIR: {
    schema: z.string().min(1),
    default: './.sendops',
    description:
      'Directory for embedded Postgres, embedded ClickHouse (chDB), the ingest spool and runtime state. Also `--data-dir`.',
  },
  SENDOPS_BIND_HOST: {
    schema: z.string().min(1),
    default: '127.0.0.1',
    description: 'Address the HTTP services listen on (`0.0.0.0` in containers).',
  },
  SENDOPS_WEB_PORT: { schema: port, default: '3000', description: 'Dashboard (Next.js) port.' },
  SENDOPS_API_PORT: {
    schema: port,
    default: '4000',
    description: 'Dashboard backend and public `/v1` API port.',
  },
  SENDOPS_API_URL: {
    schema: url(['http:', 'https:']).optional(),
    description:
      'Where the dashboard (apps/web) sends `/api/*` when it runs on its own (`serve web`, `next dev`, a separate web container). Unset: `http://127.0.0.1:<SENDOPS_API_PORT>`. `sendops start` passes its own API address.',
  },
  SENDOPS_INGEST_PORT: {
    schema: port,
    default: '4100',
    description: 'Ingest service port (EventBridge API destination target).',
  },
  SENDOPS_PUBLIC_INGEST_URL: {
    schema: url(['http:', 'https:']).optional(),
    description:
      'Public HTTPS URL of `POST /ingest/eventbridge` as customers must reach it (put in the CloudFormation `WebhookUrl`). Defaults to the local ingest URL.',
  },
  SENDOPS_PUBLIC_URL: {
    schema: url(['http:', 'https:']),
    default: 'http://localhost:3000',
    description:
      'Base URL of the dashboard as users reach it: links in emails point here, and `https` turns on Secure cookies.',
  },
  SENDOPS_SMTP_URL: {
    schema: url(['smtp:', 'smtps:']).optional(),
    description:
      'SMTP server for outgoing mail (invitations, ownership transfers), credentials in the URL (`smtps://user:pass@smtp.example.com:465`). Unset: mail is printed to the log and kept in memory (`GET /api/dev/outbox` outside production).',
  },
  SENDOPS_MAIL_FROM: {
    schema: z.string().min(3),
    default: 'SendOps <no-reply@localhost>',
    description: 'From address of the mail SendOps sends.',
  },
  SENDOPS_SECRET_KEY: {
    schema: z
      .string()
      .regex(
        /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/,
        'must be 32 bytes as 64 hex characters or base64 (`openssl rand -hex 32`)',
      )
      .optional(),
    description:
      'Key (32 bytes, hex or base64) that encrypts secrets at rest, e.g. MFA authenticator secrets (AES-256-GCM). Required in production; changing it makes existing authenticator-app credentials unusable. Unset outside production: a random key is generated once and kept in `<data-dir>/secret.key`.',
  },
  SENDOPS_GITHUB_CLIENT_ID: {
    schema: z.string().min(1).optional(),
    description:
      'GitHub OAuth app client id. With `SENDOPS_GITHUB_CLIENT_SECRET` it turns on "Sign in with GitHub" (callback URL `<SENDOPS_PUBLIC_URL>/api/auth/oauth/github/callback`); unset: hidden.',
  },
  SENDOPS_GITHUB_CLIENT_SECRET: {
    schema: z.string().min(1).optional(),
    description: 'GitHub OAuth app client secret (set together with `SENDOPS_GITHUB_CLIENT_ID`).',
  },
  SENDOPS_GOOGLE_CLIENT_ID: {
    schema: z.string().min(1).optional(),
    description:
      'Google OAuth client id. With `SENDOPS_GOOGLE_CLIENT_SECRET` it turns on "Sign in with Google" (redirect URI `<SENDOPS_PUBLIC_URL>/api/auth/oauth/google/callback`); unset: hidden.',
  },
  SENDOPS_GOOGLE_CLIENT_SECRET: {
    schema: z.string().min(1).optional(),
    description: 'Google OAuth client secret (set together with `SENDOPS_GOOGLE_CLIENT_ID`).',
  },
  DATABASE_URL: {
    schema: url(['postgres:', 'postgresql:']).optional(),
    description: 'Postgres server (15+). Unset: an embedded PostgreSQL is started under the data directory.',
  },
  SENDOPS_EMBEDDED_PG_PORT: {
    schema: port,
    default: '54329',
    description: 'Loopback port of the embedded PostgreSQL (only when `DATABASE_URL` is unset).',
  },
  DATABASE_POOL_MAX: {
    schema: positiveInt,
    default: '10',
    description: 'Postgres connection pool size per process.',
  },
  CLICKHOUSE_URL: {
    schema: url(['http:', 'https:']).optional(),
    description:
      'ClickHouse server HTTP(S) URL, credentials in the URL (`http://user:pass@host:8123`). Unset: embedded chDB under the data directory.',
  },
  CLICKHOUSE_DATABASE: {
    schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier'),
    default: 'sendops',
    description: 'ClickHouse database holding the SendOps tables.',
  },
  CLICKHOUSE_CLUSTER: {
    schema: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must be a cluster name')
      .optional(),
    description:
      'ClickHouse cluster name. Set: DDL runs `ON CLUSTER` and tables use `Replicated*` engines (macros `{shard}`, `{replica}` required).',
  },
  SENDOPS_EVENTS_RETENTION_DAYS: {
    schema: z.coerce.number().int().min(1).max(3650),
    default: '400',
    description:
      'Default retention (TTL) of event rows in ClickHouse, for organizations without a plan-specific value.',
  },
  SENDOPS_INGEST_BODY_LIMIT_BYTES: {
    schema: z.coerce.number().int().min(1_048_576),
    default: '1572864',
    description:
      'Largest accepted ingest request body; larger ones get 413. At least 1 MiB (EventBridge events go up to 1 MB).',
  },
  SENDOPS_INGEST_BATCH_MAX_ROWS: {
    schema: positiveInt,
    default: '20000',
    description: 'Rows per ClickHouse insert: the spool segment is loaded once it holds this many rows.',
  },
  SENDOPS_INGEST_BATCH_MAX_AGE_MS: {
    schema: positiveInt,
    default: '1000',
    description: 'Longest time an acknowledged event waits in the spool before it is loaded into ClickHouse.',
  },
  SENDOPS_INGEST_SPOOL_MAX_BYTES: {
    schema: positiveInt,
    default: '1073741824',
    description:
      'Backlog of spooled, not yet loaded events the ingest accepts (e.g. during a ClickHouse outage); beyond it the ingest answers 503 with Retry-After.',
  },
  SENDOPS_INGEST_FSYNC: {
    schema: boolFlag,
    default: 'true',
    description:
      'fdatasync the spool before acknowledging (group commit). Only turn off for throwaway benchmarks.',
  },
  SENDOPS_INGEST_KEY_CACHE_TTL_MS: {
    schema: z.coerce.number().int().min(0),
    default: '60000',
    description: 'How long a verified ingest API key is trusted without asking Postgres again.',
  },
  SENDOPS_INGEST_IDENTITY_CACHE_TTL_MS: {
    schema: z.coerce.number().int().min(0),
    default: '10000',
    description: "How long an organization's managed identities and channels are cached by the ingest.",
  },
  SENDOPS_INGEST_COMPACTION_INTERVAL_MS: {
    schema: z.coerce.number().int().min(0),
    default: '600000',
    description:
      'How often the ingest merges each settled day (ended over 48 h ago) of ses_events into one part, so reports read it without merging at query time. 0 turns it off.',
  },
  SENDOPS_INGEST_DEDUPE_WINDOW: {
    schema: positiveInt,
    default: '500000',
    description:
      'Event ids remembered in memory for the fast duplicate check; older retries are made exact by the ClickHouse key.',
  },
} satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof variables;
