import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types.ts';

export const AWS_CONNECTION_STATUSES = [
  'not_connected',
  'connecting',
  'validating',
  'connected',
  'error',
  'update_available',
  'sandbox',
] as const;
export type AwsConnectionStatus = (typeof AWS_CONNECTION_STATUSES)[number];

export interface AwsConnectionsTable {
  id: Generated<string>;
  organization_id: string;
  /** 12 digits, kept as text because leading zeros are significant. */
  aws_account_id: string;
  region: string;
  /** The cross-account role we assume; null until the customer's stack exists. */
  role_arn: string | null;
  status: Generated<AwsConnectionStatus>;
  last_validated_at: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type AwsConnection = Selectable<AwsConnectionsTable>;
export type NewAwsConnection = Insertable<AwsConnectionsTable>;
export type AwsConnectionUpdate = Updateable<AwsConnectionsTable>;
