export {
  EVENTS_CSV_HEADER,
  eventCsvRow,
  MESSAGES_CSV_HEADER,
  messageCsvRow,
  SUPPRESSIONS_CSV_HEADER,
  spreadsheetSafe,
  suppressionCsvRow,
} from './csv-export.ts';
export { BOT_LAG_MS, type EngagementFlag, engagementFlags } from './engagement-flags.ts';
export {
  type EventLogPage,
  type EventLogQuery,
  type EventLogRow,
  eventLogChangedSince,
  iterateEventLog,
  listEventLog,
} from './event-log.ts';
export {
  iterateMessages,
  listMessages,
  type MessageListQuery,
  type MessageRow,
  type Page,
} from './list-messages.ts';
export { ListQueryError } from './list-query-error.ts';
export { getMessageDetail, type MessageDetail, type TimelineEvent } from './message-detail.ts';
export {
  isMessageStatus,
  MESSAGE_STATUSES,
  type MessageStatus,
  SES_EVENT_TYPE_NAMES,
  STATUS_OF_EVENT_TYPE,
  statusOfEventTypes,
  statusRank,
} from './message-status.ts';
export { matchesRecipientSearch, type RecipientSearch, recipientSearchOf } from './recipient-search.ts';
export {
  iterateSuppressions,
  listSuppressions,
  SUPPRESSION_REASONS,
  type SuppressionQuery,
  type SuppressionReason,
  type SuppressionRow,
  suppressionReasonOf,
} from './suppressions.ts';
