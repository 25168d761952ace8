import { DomainError } from './errors.ts';
import { type ConstraintMessages, withConstraintMessages } from './pg-errors.ts';
import {
  AWS_CONNECTION_STATUSES,
  type AwsConnection,
  type AwsConnectionStatus,
  type AwsConnectionUpdate,
} from './schema/aws-connections-table.ts';
import type { DbExecutor } from './schema/database.ts';
import { assertUuid } from './validation.ts';

export interface UpsertAwsConnectionInput {
  organizationId: string;
  awsAccountId: string;
  region: string;
  /** Fields left undefined keep their stored value on update. */
  roleArn?: string | null;
  status?: AwsConnectionStatus;
  lastValidatedAt?: Date | null;
  lastError?: string | null;
}

const ACCOUNT_ID = /^[0-9]{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::([0-9]{12}):role\/[\w+=,.@/-]{1,512}$/;

const constraintMessages: ConstraintMessages = {
  aws_connections_organization_id_fkey: ['not_found', 'organization not found'],
};

function validate(input: UpsertAwsConnectionInput): void {
  assertUuid(input.organizationId, 'organizationId');
  if (!ACCOUNT_ID.test(input.awsAccountId))
    throw new DomainError('invalid', 'AWS account id must be 12 digits');
  if (!REGION.test(input.region)) throw new DomainError('invalid', `"${input.region}" is not an AWS region`);
  if (input.status !== undefined && !AWS_CONNECTION_STATUSES.includes(input.status)) {
    throw new DomainError('invalid', `status must be one of ${AWS_CONNECTION_STATUSES.join(', ')}`);
  }
  if (input.roleArn) {
    const account = ROLE_ARN.exec(input.roleArn)?.[1];
    if (!account) throw new DomainError('invalid', `"${input.roleArn}" is not an IAM role ARN`);
    // The role lives in the customer's account; one from elsewhere is a copy-paste mistake.
    if (account !== input.awsAccountId) {
      throw new DomainError('invalid', `role ARN must belong to account ${input.awsAccountId}`);
    }
  }
}

/** Creates the connection for (organization, account, region) or updates the fields given. */
export async function upsertAwsConnection(
  db: DbExecutor,
  input: UpsertAwsConnectionInput,
): Promise<AwsConnection> {
  validate(input);
  const changes: AwsConnectionUpdate = {};
  if (input.roleArn !== undefined) changes.role_arn = input.roleArn;
  if (input.status !== undefined) changes.status = input.status;
  if (input.lastValidatedAt !== undefined) changes.last_validated_at = input.lastValidatedAt;
  if (input.lastError !== undefined) changes.last_error = input.lastError;
  return withConstraintMessages(constraintMessages, () =>
    db
      .insertInto('aws_connections')
      .values({
        organization_id: input.organizationId,
        aws_account_id: input.awsAccountId,
        region: input.region,
        ...changes,
      })
      .onConflict((oc) =>
        oc
          .columns(['organization_id', 'aws_account_id', 'region'])
          // SQL has no empty SET; with nothing to change, touching updated_at still returns the row.
          .doUpdateSet(Object.keys(changes).length > 0 ? changes : { updated_at: new Date() }),
      )
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function listAwsConnections(db: DbExecutor, organizationId: string): Promise<AwsConnection[]> {
  assertUuid(organizationId, 'organizationId');
  return db
    .selectFrom('aws_connections')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('aws_account_id')
    .orderBy('region')
    .execute();
}
