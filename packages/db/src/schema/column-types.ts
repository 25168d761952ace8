import type { ColumnType } from 'kysely';

/** A timestamptz column the database fills in (`default now()`); pg returns it as a Date. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A timestamptz column that may be null and is written by the application. */
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
