import {
  isReason,
  type ListFilters,
  type ListRequest,
  type Reason,
  STATUS_FILTERS,
  type UndeliverableStores,
} from '@sendops/classification';
import { DomainError } from '@sendops/db';
import { type Static, Type } from '@sinclair/typebox';
import type { ApiAppDeps } from '../api-deps.ts';
import { ApiHttpError } from '../http/api-http-error.ts';

export const RULES_VERSION_HEADER = 'x-sendops-rules-version';

/** The list's filters as query parameters: `reason` is a comma-separated list of reasons. */
export const ListQuerystring = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 320 })),
  status: Type.Optional(Type.Union(STATUS_FILTERS.map((s) => Type.Literal(s)))),
  reason: Type.Optional(Type.String({ maxLength: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type ListQuerystring = Static<typeof ListQuerystring>;

/** A rules request: a preset, or the whole rule body (validated by @sendops/classification). */
export const RulesInput = Type.Union([
  Type.Object({ profile: Type.String({ maxLength: 32 }) }, { additionalProperties: false }),
  Type.Object(
    { rules: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown()) },
    { additionalProperties: false },
  ),
]);

export function listRequest(query: ListQuerystring): ListRequest {
  return { filters: filtersOf(query), cursor: query.cursor ?? null, limit: query.limit ?? 50 };
}

export function filtersOf(query: Pick<ListQuerystring, 'search' | 'status' | 'reason'>): ListFilters {
  const reasons: Reason[] = [];
  for (const value of (query.reason ?? '').split(',').map((r) => r.trim())) {
    if (value === '') continue;
    if (!isReason(value))
      throw new DomainError('invalid', `reason ${value} is not one of the list's reasons`);
    reasons.push(value);
  }
  return { search: query.search?.trim() ?? '', status: query.status ?? 'listed', reasons };
}

/** Both stores; the list lives on the events, so without ClickHouse there is nothing to answer. */
export function undeliverableStores(deps: ApiAppDeps): UndeliverableStores {
  if (!deps.analytics) throw new ApiHttpError(503, 'unavailable', 'the events store is not configured');
  return { db: deps.db, analytics: deps.analytics };
}
