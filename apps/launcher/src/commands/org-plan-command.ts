import { setOrganizationPlan } from '@sendops/auth';
import type { SendOpsConfig } from '@sendops/config';
import { PLANS } from '@sendops/db';
import type { Command } from 'commander';
import { printResult, UsageError } from '../cli-output.ts';
import { openControlPlane } from '../stores.ts';

/**
 * `sendops org plan --org <id|slug> --plan free|team|business`: new workspaces start on Free (a single
 * user, so no invitations); until billing exists this is how an operator lets a workspace invite members.
 */
export function registerOrgPlanCommand(
  program: Command,
  configFor: (command: Command) => SendOpsConfig,
): void {
  const org = program.commands.find((command) => command.name() === 'org');
  if (!org) throw new Error('register the org command first');
  org
    .command('plan')
    .description(
      `put an organization on a plan (${PLANS.join(', ')}); Team and Business allow inviting members`,
    )
    .requiredOption('--org <id-or-slug>', 'organization id or slug')
    .requiredOption('--plan <plan>', PLANS.join(' | '))
    .option('--json', 'print JSON')
    .action(async (options: { org: string; plan: string; json?: boolean }, command: Command) => {
      if (!(PLANS as readonly string[]).includes(options.plan)) {
        throw new UsageError(`--plan must be one of ${PLANS.join(', ')}`);
      }
      const handle = await openControlPlane(configFor(command), { migrate: true });
      try {
        const result = await setOrganizationPlan(handle.db, options.org, options.plan);
        printResult(
          Boolean(options.json),
          result,
          result.previous === result.plan
            ? `${result.slug} is already on ${result.plan}`
            : `${result.slug}: ${result.previous} -> ${result.plan}`,
        );
      } finally {
        await handle.close();
      }
    });
}
