/**
 * A ClickHouse `DateTime64` as read back (`YYYY-MM-DD hh:mm:ss.sss`, always UTC here) in ISO 8601, the
 * form the reports return and `Date.parse` reads without guessing a time zone.
 */
export const iso = (time: string) => `${time.replace(' ', 'T')}Z`;
