/**
 * ClickHouse errors that say the data itself cannot be stored (a bad value, not an unreachable or
 * overloaded server). Retrying such a batch would block the spool forever, so the loader isolates the
 * offending records instead. Everything else is treated as transient and retried.
 */
const PERMANENT_DATA_ERROR =
  /^(CANNOT_PARSE_|CANNOT_READ_|CANNOT_CONVERT_TYPE|INCORRECT_DATA|INCORRECT_NUMBER_OF_COLUMNS|TYPE_MISMATCH|ILLEGAL_TYPE_OF_ARGUMENT|VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE|TOO_LARGE_STRING_SIZE|ATTEMPT_TO_READ_AFTER_EOF|UNKNOWN_FIELD|DECIMAL_OVERFLOW|ARGUMENT_OUT_OF_BOUND)/;

export function isPermanentDataError(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && PERMANENT_DATA_ERROR.test(type);
}
