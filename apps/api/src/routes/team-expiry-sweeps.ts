import { expireInvitations, expireOwnershipTransfers } from '@sendops/auth';
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
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const sweep = async () => {
    const now = new Date();
    try {
      const transfers = await expireOwnershipTransfers(deps.db, mailer, now);
      const invitations = await expireInvitations(deps.db, now);
      if (transfers + invitations > 0) app.log.info({ transfers, invitations }, 'team expiry sweep');
    } catch (error) {
      app.log.error({ err: error }, 'team expiry sweep failed');
    }
  };

  app.addHook('onListen', async () => {
    running = sweep();
    timer = setInterval(() => {
      running = running.then(sweep);
    }, TEAM_SWEEP_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
};
