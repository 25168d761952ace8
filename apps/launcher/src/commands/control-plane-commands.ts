import type { SendOpsConfig } from '@sendops/config';
import { addChannel, addIdentity, createOrganization, listChannels, listOrganizations } from '@sendops/db';
import type { Command } from 'commander';
import { printResult, UsageError } from '../cli-output.ts';
import { openControlPlane } from '../stores.ts';

type ConfigFor = (command: Command) => SendOpsConfig;

const CHANNEL_PURPOSES = ['default', 'transactional', 'marketing', 'onboarding', 'custom'] as const;

/** `org`, `identity` and `channel`: control-plane writes for operators and scripts. */
export function registerControlPlaneCommands(program: Command, configFor: ConfigFor): void {
  const org = program.command('org').description('organizations');
  org
    .command('create')
    .description('create an organization; prints its id and ingest API key (shown once)')
    .requiredOption('--name <name>', 'organization name (up to 64 characters)')
    .option('--json', 'print JSON')
    .action(async (options: { name: string; json?: boolean }, command: Command) => {
      const name = options.name.trim();
      if (name.length === 0 || name.length > 64) throw new UsageError('--name must be 1 to 64 characters');
      await withDb(configFor(command), async (db) => {
        const { organization, ingestApiKey } = await createOrganization(db, { name });
        printResult(
          Boolean(options.json),
          {
            id: organization.id,
            name: organization.name,
            slug: organization.slug,
            externalId: organization.external_id,
            ingestApiKey,
            ingestApiKeyPrefix: organization.ingest_key_prefix,
          },
          [
            `organization  ${organization.id}  (${organization.name})`,
            `external id   ${organization.external_id}`,
            `ingest key    ${ingestApiKey}`,
            'The ingest key is shown only once: store it now (CloudFormation parameter WebhookApiKey).',
          ].join('\n'),
        );
      });
    });
  org
    .command('list')
    .description('list organizations')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDb(configFor(command), async (db) => {
        const orgs = await listOrganizations(db);
        const rows = orgs.map((o) => ({
          id: o.id,
          name: o.name,
          slug: o.slug,
          ingestApiKeyPrefix: o.ingest_key_prefix,
        }));
        printResult(
          Boolean(options.json),
          rows,
          rows.map((o) => `${o.id}  ${o.slug}  ${o.name}`).join('\n') || '(none)',
        );
      });
    });

  program
    .command('identity')
    .description('sending identities')
    .command('add')
    .description('add a managed identity (a domain or an email address) to an organization')
    .requiredOption('--org <id>', 'organization id')
    .option('--domain <domain>', 'a domain identity, e.g. example.com')
    .option('--email <address>', 'an email address identity')
    .option('--channel <name-or-id>', 'assign the identity to this channel')
    .option('--json', 'print JSON')
    .action(
      async (
        options: { org: string; domain?: string; email?: string; channel?: string; json?: boolean },
        command: Command,
      ) => {
        if (Boolean(options.domain) === Boolean(options.email))
          throw new UsageError('give exactly one of --domain or --email');
        await withDb(configFor(command), async (db) => {
          let channelId: string | undefined;
          if (options.channel) {
            const channel = (await listChannels(db, options.org)).find(
              (c) => c.id === options.channel || c.name === options.channel,
            );
            if (!channel)
              throw new UsageError(`no channel "${options.channel}" in organization ${options.org}`);
            channelId = channel.id;
          }
          const identity = await addIdentity(db, {
            organizationId: options.org,
            kind: options.domain ? 'domain' : 'email',
            value: (options.domain ?? options.email)!,
            ...(channelId ? { channelId } : {}),
          });
          printResult(
            Boolean(options.json),
            identity,
            `identity ${identity.id}  ${identity.kind} ${identity.value} (managed)`,
          );
        });
      },
    );

  program
    .command('channel')
    .description('channels (SES configuration sets)')
    .command('add')
    .description('add a channel mapped to an SES configuration set')
    .requiredOption('--org <id>', 'organization id')
    .requiredOption('--name <name>', 'channel name')
    .requiredOption('--config-set <name>', 'SES configuration-set name')
    .option('--purpose <purpose>', `one of ${CHANNEL_PURPOSES.join(', ')}`, 'custom')
    .option('--default', 'make it the default channel')
    .option('--json', 'print JSON')
    .action(
      async (
        options: {
          org: string;
          name: string;
          configSet: string;
          purpose: string;
          default?: boolean;
          json?: boolean;
        },
        command: Command,
      ) => {
        if (!(CHANNEL_PURPOSES as readonly string[]).includes(options.purpose)) {
          throw new UsageError(`--purpose must be one of ${CHANNEL_PURPOSES.join(', ')}`);
        }
        await withDb(configFor(command), async (db) => {
          const channel = await addChannel(db, {
            organizationId: options.org,
            name: options.name,
            configurationSet: options.configSet,
            purpose: options.purpose as (typeof CHANNEL_PURPOSES)[number],
            isDefault: Boolean(options.default),
          });
          printResult(
            Boolean(options.json),
            channel,
            `channel ${channel.id}  ${channel.name} -> ${channel.configuration_set}`,
          );
        });
      },
    );
}

async function withDb<T>(
  config: SendOpsConfig,
  fn: (db: Awaited<ReturnType<typeof openControlPlane>>['db']) => Promise<T>,
) {
  const handle = await openControlPlane(config, { migrate: true });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}
