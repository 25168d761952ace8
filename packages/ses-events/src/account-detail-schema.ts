import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { OptionalNullableString, OptionalString } from './schema-helpers.ts';
import type { SesAccountDetailType } from './ses-event-types.ts';

/**
 * `detail` of account-level events, from the examples in the SES developer guide "Tenants" chapter
 * (Setting up EventBridge notifications). Everything is optional: we store `detail` verbatim as JSON
 * and only reject values whose documented fields have the wrong type.
 */
export const SendingStatusDetailSchema = Type.Object({
  version: OptionalString(),
  data: Type.Optional(
    Type.Object({
      /** `CUSTOMER_MANAGED` or `AWS_MANAGED`. */
      origin: OptionalString(),
      record: Type.Optional(
        Type.Object({
          /** `ENABLED`, `DISABLED` or `REINSTATED`. */
          status: OptionalString(),
          cause: OptionalNullableString(),
          /** The documented example is an array (`[2025, 7, 24, 12, 44, 28, 995000000]`), so not typed. */
          lastUpdatedTimestamp: Type.Optional(Type.Unknown()),
        }),
      ),
    }),
  ),
});

export const AdvisorRecommendationDetailSchema = Type.Object({
  version: OptionalString(),
  /** Human-readable finding, e.g. "The bounce rate exceeded 15.0% based on ...". */
  data: OptionalString(),
  metadata: Type.Optional(Type.Object({ impact: OptionalString(), type: OptionalString() })),
});

export type SendingStatusDetail = Static<typeof SendingStatusDetailSchema>;
export type AdvisorRecommendationDetail = Static<typeof AdvisorRecommendationDetailSchema>;

export const ACCOUNT_DETAIL_SCHEMA_BY_TYPE: Readonly<Record<SesAccountDetailType, TSchema>> = {
  'Sending Status Enabled': SendingStatusDetailSchema,
  'Sending Status Disabled': SendingStatusDetailSchema,
  'Advisor Recommendation Status Open': AdvisorRecommendationDetailSchema,
  'Advisor Recommendation Status Resolved': AdvisorRecommendationDetailSchema,
  'Advisor Recommendation Status Closed': AdvisorRecommendationDetailSchema,
};
