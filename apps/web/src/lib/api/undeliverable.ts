// The Undeliverable list and classification rules (GET/POST/PUT /api/orgs/:slug/undeliverable*);
// shapes as in docs/dashboard-api.md. The rule lists and knob types come from
// @sendops/classification/rules (a module without imports; `import type` is erased, so no backend code
// reaches the browser); the lists the pages need at run time are copied below and checked against it.
import type {
  LOCKED_RULES as BACKEND_LOCKED_RULES,
  REASONS as BACKEND_REASONS,
  WINDOWED_RULES as BACKEND_WINDOWED_RULES,
  RuleSettings,
  WindowedRuleSettings,
} from '@sendops/classification/rules';
import { api, apiRequest } from './client.ts';
import type { Assert, Equals } from './type-equality.ts';

export const REASONS = [
  'permanent_bounce',
  'complaint',
  'rejected',
  'repeated_transient',
  'undetermined',
  'soft_bounce_accumulation',
  'permanent_dsn',
] as const;
export type Reason = (typeof REASONS)[number];
type _ReasonsMatch = Assert<Equals<typeof REASONS, typeof BACKEND_REASONS>>;

export const REASON_LABELS: Record<Reason, string> = {
  permanent_bounce: 'Permanent bounce',
  complaint: 'Complaint',
  rejected: 'Rejected',
  repeated_transient: 'Repeated transient bounces',
  undetermined: 'Undetermined bounces',
  soft_bounce_accumulation: 'Soft-bounce accumulation',
  permanent_dsn: 'Permanent DSN status',
};

export const STATUS_FILTERS = ['listed', 'excluded', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface Exclusion {
  note: string | null;
  actorName: string | null;
  clearedAt: string;
}

export interface UndeliverableRow {
  address: string;
  status: 'listed' | 'excluded';
  reason: string | null;
  reasonLabel: string | null;
  events: number;
  lastChange: string;
  lastDiagnostic: string | null;
  exclusion: Exclusion | null;
}

export interface UndeliverablePage {
  items: UndeliverableRow[];
  nextCursor: string | null;
  rulesVersion: string;
}

export interface HistoryEvent {
  time: string;
  eventId: string;
  eventType: string;
  detail: string;
  dsnStatus: string;
  diagnostic: string;
  countsToward: string[];
}

export const LOCKED_RULES = ['permanent_bounce', 'complaint', 'rejected'] as const;
export type LockedRule = (typeof LOCKED_RULES)[number];
type _LockedRulesMatch = Assert<Equals<typeof LOCKED_RULES, typeof BACKEND_LOCKED_RULES>>;
export const WINDOWED_RULES = [
  'repeated_transient',
  'undetermined',
  'soft_bounce_accumulation',
  'permanent_dsn',
] as const;
export type WindowedRule = (typeof WINDOWED_RULES)[number];
type _WindowedRulesMatch = Assert<Equals<typeof WINDOWED_RULES, typeof BACKEND_WINDOWED_RULES>>;

export type WindowedSettings = WindowedRuleSettings;
export type WindowedRules = RuleSettings;

export type Profile = 'strict' | 'standard' | 'aggressive';
export type DetectedProfile = Profile | 'custom';

export interface RulesBody {
  version: string;
  profile: DetectedProfile;
  rules: Record<LockedRule, { enabled: true; locked: true }> &
    Record<WindowedRule, WindowedSettings & { locked: false }>;
  updatedAt: string | null;
}

export interface RulesPreview {
  currentSize: number;
  candidateSize: number;
  added: number;
  removed: number;
  breakdown: Partial<Record<string, number>>;
  sampleAdditions: { address: string; reason: string; events: number }[];
}

export interface ListQuery {
  search?: string;
  status?: StatusFilter;
  reason?: string[];
  cursor?: string | null;
  limit?: number;
}

const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/undeliverable`;

export function listQueryString(query: ListQuery): string {
  const params = new URLSearchParams();
  if (query.search) params.set('search', query.search);
  if (query.status) params.set('status', query.status);
  if (query.reason?.length) params.set('reason', query.reason.join(','));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.limit) params.set('limit', String(query.limit));
  return params.toString();
}

export const undeliverableApi = {
  list: (slug: string, query: ListQuery, signal?: AbortSignal) =>
    api.get<UndeliverablePage>(`${base(slug)}?${listQueryString(query)}`, { signal }),
  exportUrl: (slug: string, query: ListQuery) =>
    `${base(slug)}/export.csv?${listQueryString({ ...query, cursor: null, limit: undefined })}`,
  history: (slug: string, address: string) =>
    api.get<{ items: HistoryEvent[]; nextCursor: null }>(
      `${base(slug)}/history?address=${encodeURIComponent(address)}`,
    ),
  allow: (slug: string, address: string, note: string) =>
    api.post<{ exclusion: Exclusion & { address: string } }>(`${base(slug)}/allow`, {
      address,
      ...(note ? { note } : {}),
    }),
  relist: (slug: string, address: string) => api.post<void>(`${base(slug)}/relist`, { address }),
  rules: (slug: string) => api.get<RulesBody>(`${base(slug)}/rules`),
  preview: (slug: string, rules: WindowedRules, signal?: AbortSignal) =>
    api.post<RulesPreview>(`${base(slug)}/rules/preview`, { rules }, { signal }),
  saveRules: (slug: string, rules: WindowedRules) =>
    apiRequest<RulesBody>('PUT', `${base(slug)}/rules`, { body: { rules } }),
};
