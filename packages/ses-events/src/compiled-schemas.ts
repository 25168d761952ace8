import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { ACCOUNT_DETAIL_SCHEMA_BY_TYPE } from './account-detail-schema.ts';
import { EnvelopeSchema } from './envelope-schema.ts';
import { BaseDetailSchema, DETAIL_SCHEMA_BY_TYPE } from './ses-detail-schema.ts';

/**
 * Every schema compiled exactly once, at module load: compiling costs milliseconds, checking a
 * compiled schema costs well under a microsecond, and the ingest checks every event.
 */
export const envelopeCheck = TypeCompiler.Compile(EnvelopeSchema);

const baseDetailCheck = TypeCompiler.Compile(BaseDetailSchema);

const detailChecks: ReadonlyMap<string, TypeCheck<TSchema>> = new Map(
  Object.entries(DETAIL_SCHEMA_BY_TYPE).map(([type, schema]) => [type, TypeCompiler.Compile(schema)]),
);

const accountDetailChecks: ReadonlyMap<string, TypeCheck<TSchema>> = new Map(
  Object.entries(ACCOUNT_DETAIL_SCHEMA_BY_TYPE).map(([type, schema]) => [type, TypeCompiler.Compile(schema)]),
);

/** The check for an SES event `detail`; unknown event types get the `eventType` + `mail` check only. */
export function detailCheckFor(eventType: string): TypeCheck<TSchema> {
  return detailChecks.get(eventType) ?? baseDetailCheck;
}

/** The check for an account-level `detail`, or undefined when the detail-type has no documented shape. */
export function accountDetailCheckFor(detailType: string): TypeCheck<TSchema> | undefined {
  return accountDetailChecks.get(detailType);
}
