import { type TSchema, Type } from '@sinclair/typebox';

/** ISO 8601 date-time as SES and EventBridge write it (`2017-08-05T00:41:02.669Z`, `2016-12-30T18:44:49Z`). */
const ISO_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)$';

/**
 * Custom schema key read by `formatSchemaError`: TypeBox's own message for a failed pattern
 * prints the whole regular expression, which helps nobody reading a dead letter.
 */
export const ERROR_MESSAGE_KEY = 'x-error-message';

export const IsoTime = () =>
  Type.String({ pattern: ISO_TIME_PATTERN, [ERROR_MESSAGE_KEY]: 'Expected ISO 8601 date-time' });

/** A string field SES documents as sometimes absent. */
export const OptionalString = () => Type.Optional(Type.String());

/** A string field SES documents as sometimes `null` (e.g. `complaintSubType`). */
export const OptionalNullableString = () =>
  Type.Optional(Type.Union([Type.String(), Type.Null()], { [ERROR_MESSAGE_KEY]: 'Expected string or null' }));

/** SES tag maps (`mail.tags`, `click.linkTags`): every value is a list of strings. */
export const TagMap = () => Type.Record(Type.String(), Type.Array(Type.String()));

/** True when `Date.parse` accepts it: the pattern alone lets `2017-13-45T...` through. */
export function isParsableTime(value: string): boolean {
  return !Number.isNaN(Date.parse(value));
}

export type { TSchema };
