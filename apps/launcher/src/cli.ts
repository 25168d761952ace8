import { ConfigError, loadConfig, type SendOpsConfig } from '@sendops/config';
import { DomainError } from '@sendops/db';
import { Command, CommanderError } from 'commander';
import { pino } from 'pino';
import { UsageError } from './cli-output.ts';
import { registerControlPlaneCommands } from './commands/control-plane-commands.ts';
import { runMigrate } from './commands/migrate-command.ts';
import { registerOrgPlanCommand } from './commands/org-plan-command.ts';
import { runServe, SERVABLE } from './commands/serve-command.ts';
import { registerSimulateCommand } from './commands/simulate-command.ts';
import { registerStartCommand, runStart } from './commands/start-command.ts';

/** Config for a command: environment, with --data-dir (a global option) taking precedence. */
function configFor(command: Command): SendOpsConfig {
  const { dataDir } = command.optsWithGlobals<{ dataDir?: string }>();
  return loadConfig(process.env, dataDir ? { SENDOPS_DATA_DIR: dataDir } : {});
}

function createLogger(config: SendOpsConfig) {
  // Logs go to stderr so stdout stays for results (`--json`) and the `ready` line.
  return pino(
    { level: config.logLevel, redact: ['req.headers["x-api-key"]', 'headers["x-api-key"]'] },
    pino.destination(2),
  );
}

export function buildProgram(): Command {
  const program = new Command('sendops')
    .description('SendOps: observability and management for Amazon SES')
    .option('--data-dir <dir>', 'data directory (env SENDOPS_DATA_DIR, default ./.sendops)')
    .showHelpAfterError()
    .exitOverride();

  registerStartCommand(program, async (command, options) => {
    const config = configFor(command);
    await runStart(config, options, createLogger(config));
  });

  program
    .command('migrate')
    .description('apply Postgres and ClickHouse migrations')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) =>
      runMigrate(configFor(command), Boolean(options.json)),
    );

  program
    .command('serve')
    .description(`run one service alone on DATABASE_URL / CLICKHOUSE_URL (${SERVABLE.join(', ')})`)
    .argument('<service>', 'service to run')
    .action(async (service: string, _options: unknown, command: Command) => {
      const config = configFor(command);
      await runServe(config, service, createLogger(config));
    });

  registerControlPlaneCommands(program, configFor);
  registerOrgPlanCommand(program, configFor);
  registerSimulateCommand(program, configFor);
  return program;
}

/** Exit codes: 0 ok, 1 failure, 2 bad usage or configuration. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`sendops: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`sendops: ${error.message}\n`);
      process.exitCode = error.code === 'invalid' || error.code === 'not_found' ? 2 : 1;
      return;
    }
    process.stderr.write(`sendops: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
