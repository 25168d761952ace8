import type { ApiKey } from '@sendops/db';

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  environment: ApiKey['environment'];
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: { name: string; email: string } | null;
}

export function apiKeyView(key: ApiKey, createdBy: { name: string; email: string } | null): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    environment: key.environment,
    createdAt: key.created_at.toISOString(),
    lastUsedAt: key.last_used_at?.toISOString() ?? null,
    createdBy,
  };
}
