import { expireInvitations, expireOwnershipTransfers } from '@sendops/auth';
import { type PeriodicJob, startPeriodicJob } from '@sendops/config';
import { teamMailerOf } from '../http/team-mailer.ts';
import type { RouteModule } from './route-module.ts';

/** How often pending invitations and ownership transfers past their window are closed. */
export const TEAM_SWEEP_INTERVAL_MS = 60_000;

/**
 * Runs the expiry sweeps every minute while the API listens (not under `inject`): expired ownership
 * transfers get their audit entry and both parties' emails, invitations their `expired` status.
 * A failed round is logged and retried on the next tick.
 */
export const teamExpirySweeps: RouteModule = (app, deps) => {
  const mailer = teamMailerOf(deps);
  let sweeps: PeriodicJob | undefined;

  app.addHook('onListen', async () => {
    sweeps = startPeriodicJob({
      intervalMs: TEAM_SWEEP_INTERVAL_MS,
      firstRun: 'at-start',
      run: async () => {
        const now = new Date();
        const transfers = await expireOwnershipTransfers(deps.db, mailer, now);
        const invitations = await expireInvitations(deps.db, now);
        if (transfers + invitations > 0) app.log.info({ transfers, invitations }, 'team expiry sweep');
      },
      onError: (error) => app.log.error({ err: error }, 'team expiry sweep failed'),
    });
  });
  app.addHook('onClose', async () => {
    await sweeps?.stop();
  });
};
