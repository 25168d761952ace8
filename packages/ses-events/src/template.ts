import type { SesEventDetail } from './ses-detail-schema.ts';

/**
 * Tag names we read the template name from, in priority order. SES itself publishes no template
 * name in events (only Rendering Failure carries `failure.templateName`), so senders tag messages
 * with it and we pick the first of these tags present. SES tag names allow only letters, digits,
 * `_` and `-` (API MessageTag), hence `sendops-template`.
 */
export const DEFAULT_TEMPLATE_TAG_NAMES: readonly string[] = [
  'sendops-template',
  'template',
  'template_name',
  'templateName',
];

/** `failure.templateName` for Rendering Failure, else the first non-empty tag among `tagNames`, else ''. */
export function templateOf(detail: SesEventDetail, tagNames: readonly string[]): string {
  if (detail.eventType === 'Rendering Failure') {
    const name = detail.failure?.templateName;
    if (name !== undefined && name !== '') return name;
  }
  const tags = detail.mail.tags;
  if (tags === undefined) return '';
  for (const tagName of tagNames) {
    const value = tags[tagName]?.[0];
    if (value !== undefined && value !== '') return value;
  }
  return '';
}
