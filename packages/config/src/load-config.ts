import path from 'node:path';
import type { z } from 'zod';
import { type VariableName, variables } from './variables.ts';

type Parsed = { [K in VariableName]: z.output<(typeof variables)[K]['schema']> };

export interface SendOpsConfig {
  env: Parsed['NODE_ENV'];
  logLevel: Parsed['LOG_LEVEL'];
  dataDir: string;
  bindHost: string;
  ports: { web: number; api: number; ingest: number };
  publicIngestUrl: string;
  /** Dashboard base URL without a trailing slash. */
  publicUrl: string;
  /** Where a dashboard running on its own reaches apps/api (`serve web`). */
  apiUrl: string;
  mail: { smtpUrl: string | undefined; from: string };
  /** SENDOPS_SECRET_KEY as given (hex or base64); `@sendops/auth` resolves the development fallback. */
  secretKey: string | undefined;
  /** Only the providers whose client id and secret are both set. */
  oauth: { github: OAuthClientConfig | undefined; google: OAuthClientConfig | undefined };
  postgres: { url: string | undefined; embeddedPort: number; poolMax: number };
  clickhouse: { url: string | undefined; database: string; cluster: string | undefined };
  events: { retentionDays: number };
  ingest: {
    bodyLimitBytes: number;
    batchMaxRows: number;
    batchMaxAgeMs: number;
    spoolMaxBytes: number;
    fsync: boolean;
    keyCacheTtlMs: number;
    identityCacheTtlMs: number;
    dedupeWindow: number;
    compactionIntervalMs: number;
  };
}

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
}

export class ConfigError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Reads and validates every variable at once so one run reports every mistake. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<VariableName, string>> = {},
): SendOpsConfig {
  const issues: string[] = [];
  const values: Partial<Record<VariableName, unknown>> = {};
  for (const [name, spec] of Object.entries(variables) as [
    VariableName,
    (typeof variables)[VariableName],
  ][]) {
    const raw = overrides[name] ?? nonEmpty(env[name]) ?? ('default' in spec ? spec.default : undefined);
    const result = spec.schema.safeParse(raw);
    if (result.success) values[name] = result.data;
    else
      issues.push(`${name}=${JSON.stringify(raw)}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  }
  for (const provider of ['GITHUB', 'GOOGLE'] as const) {
    const id = values[`SENDOPS_${provider}_CLIENT_ID`];
    const secret = values[`SENDOPS_${provider}_CLIENT_SECRET`];
    if ((id === undefined) !== (secret === undefined)) {
      issues.push(`SENDOPS_${provider}_CLIENT_ID and SENDOPS_${provider}_CLIENT_SECRET must be set together`);
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  const v = values as Parsed;
  const dataDir = path.resolve(v.SENDOPS_DATA_DIR);
  return {
    env: v.NODE_ENV,
    logLevel: v.LOG_LEVEL,
    dataDir,
    bindHost: v.SENDOPS_BIND_HOST,
    ports: { web: v.SENDOPS_WEB_PORT, api: v.SENDOPS_API_PORT, ingest: v.SENDOPS_INGEST_PORT },
    publicIngestUrl:
      v.SENDOPS_PUBLIC_INGEST_URL ??
      `http://${displayHost(v.SENDOPS_BIND_HOST)}:${v.SENDOPS_INGEST_PORT}/ingest/eventbridge`,
    publicUrl: v.SENDOPS_PUBLIC_URL.replace(/\/+$/, ''),
    apiUrl: (v.SENDOPS_API_URL ?? `http://127.0.0.1:${v.SENDOPS_API_PORT}`).replace(/\/+$/, ''),
    mail: { smtpUrl: v.SENDOPS_SMTP_URL, from: v.SENDOPS_MAIL_FROM },
    secretKey: v.SENDOPS_SECRET_KEY,
    oauth: {
      github: oauthClient(v.SENDOPS_GITHUB_CLIENT_ID, v.SENDOPS_GITHUB_CLIENT_SECRET),
      google: oauthClient(v.SENDOPS_GOOGLE_CLIENT_ID, v.SENDOPS_GOOGLE_CLIENT_SECRET),
    },
    postgres: { url: v.DATABASE_URL, embeddedPort: v.SENDOPS_EMBEDDED_PG_PORT, poolMax: v.DATABASE_POOL_MAX },
    clickhouse: { url: v.CLICKHOUSE_URL, database: v.CLICKHOUSE_DATABASE, cluster: v.CLICKHOUSE_CLUSTER },
    events: { retentionDays: v.SENDOPS_EVENTS_RETENTION_DAYS },
    ingest: {
      bodyLimitBytes: v.SENDOPS_INGEST_BODY_LIMIT_BYTES,
      batchMaxRows: v.SENDOPS_INGEST_BATCH_MAX_ROWS,
      batchMaxAgeMs: v.SENDOPS_INGEST_BATCH_MAX_AGE_MS,
      spoolMaxBytes: v.SENDOPS_INGEST_SPOOL_MAX_BYTES,
      fsync: v.SENDOPS_INGEST_FSYNC,
      keyCacheTtlMs: v.SENDOPS_INGEST_KEY_CACHE_TTL_MS,
      identityCacheTtlMs: v.SENDOPS_INGEST_IDENTITY_CACHE_TTL_MS,
      dedupeWindow: v.SENDOPS_INGEST_DEDUPE_WINDOW,
      compactionIntervalMs: v.SENDOPS_INGEST_COMPACTION_INTERVAL_MS,
    },
  };
}

function oauthClient(clientId: string | undefined, clientSecret: string | undefined) {
  return clientId !== undefined && clientSecret !== undefined ? { clientId, clientSecret } : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}
