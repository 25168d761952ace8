/** Public surface of @sendops/classification: the undeliverable rule engine and the list it produces. */
export type { EvaluationScope } from './evaluation/address-aggregate-sql.ts';
export { addressHistory, type HistoryEvent, type HistoryQuery } from './evaluation/address-history.ts';
export { CSV_HEADER, exportUndeliverableCsv } from './evaluation/export-csv.ts';
export {
  iterateUndeliverable,
  type ListFilters,
  type ListPage,
  type ListQuery,
  listUndeliverable,
  STATUS_FILTERS,
  type StatusFilter,
  type UndeliverableRow,
} from './evaluation/list-undeliverable.ts';
export {
  type PreviewQuery,
  type PreviewSample,
  previewRules,
  type RulesPreview,
} from './evaluation/preview-rules.ts';
export {
  DEFAULT_PROFILE,
  type DetectedProfile,
  defaultRuleSettings,
  detectProfile,
  PROFILE_SETTINGS,
  PROFILES,
  type ProfileName,
  profileSettings,
} from './rules/profiles.ts';
export { reasonLabel } from './rules/reason-label.ts';
export {
  EVENTS_MAX,
  EVENTS_MIN,
  isReason,
  LOCKED_RULES,
  type LockedRule,
  PERMANENT_DSN_PATTERN,
  REASONS,
  type Reason,
  RULE_DESCRIPTIONS,
  type RuleDescription,
  type RuleSettings,
  SOFT_BOUNCE_SUB_TYPES,
  WINDOW_DAYS_MAX,
  WINDOW_DAYS_MIN,
  WINDOWED_RULES,
  type WindowedRule,
  type WindowedRuleSettings,
} from './rules/rule-set.ts';
export { type RulesBody, rulesBody } from './rules/rules-body.ts';
export { rulesVersion } from './rules/rules-version.ts';
export { parseProfileName, parseRuleSettings } from './rules/validate-rules.ts';
export {
  allowAddress,
  type ExclusionView,
  relistAddress,
} from './services/exclusion-services.ts';
export {
  candidateSettings,
  getUndeliverableRules,
  type RulesView,
  type SaveRulesInput,
  saveUndeliverableRules,
} from './services/rules-services.ts';
export {
  exportOrganizationUndeliverable,
  type ListRequest,
  listOrganizationUndeliverable,
  organizationAddressHistory,
  previewOrganizationRules,
  type UndeliverableStores,
} from './services/undeliverable-reads.ts';
export { syncExclusionMirror, writeExclusionMirror } from './store/exclusion-mirror.ts';
export type { ExclusionChange } from './store/exclusions-store.ts';
export {
  type Exclusion,
  endExclusion,
  upsertExclusion,
} from './store/exclusions-store.ts';
export { loadRules, type SavedRules, storeRules } from './store/rules-store.ts';
