import { requirePermission } from '@sendops/auth';
import { listChannels } from '@sendops/db';
import { type SesCostReport, sesCostReport, sesCostWindow } from '@sendops/reports';
import { type Static, Type } from '@sinclair/typebox';
import { organizationOf } from '../http/api-app.ts';
import { ApiHttpError } from '../http/api-http-error.ts';
import { sendCsv } from './report-query.ts';
import type { RouteModule } from './route-module.ts';

const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });

const CostsQuerystring = Type.Object({
  months: Type.Optional(
    Type.Union([Type.Literal('3'), Type.Literal('6'), Type.Literal('12')], {
      description: 'Months of trend, the current one included. Default 6.',
    }),
  ),
  freeTier: Type.Optional(
    Type.Union([Type.Literal('true'), Type.Literal('false')], {
      description: 'Apply the EC2 free tier (first 62,000 emails a month). Default true.',
    }),
  ),
  channel: Type.Optional(Type.String({ format: 'uuid', description: 'Only this channel.' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  by: Type.Optional(
    Type.Union([Type.Literal('month'), Type.Literal('channel')], {
      description: 'CSV rows: one per month (default) or one per channel.',
    }),
  ),
});
type CostsQuery = Static<typeof CostsQuerystring>;

const UNASSIGNED = 'Unassigned';

/** Four decimals: one email at the rate card is $0.0001. */
const usd = (value: number) => value.toFixed(4);

function monthRows(report: SesCostReport): unknown[][] {
  return report.trend.map((month) => [
    month.month.slice(0, 4),
    month.month.slice(5, 7),
    month.sends,
    month.billableSends,
    usd(month.costUsd),
  ]);
}

/** Billing → SES Costs (billing/ses-cost-estimates): Owner and Financial only. */
export const reportsCostsRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/orgs/:slug/billing/ses-costs',
    {
      config: { permission: 'billing.ses_costs.view' },
      schema: { params: Slug, querystring: CostsQuerystring },
    },
    async (request, reply) => {
      const { organization, context } = organizationOf(request);
      const query: CostsQuery = request.query;
      const months = Number(query.months ?? '6') as 3 | 6 | 12;
      const freeTier = query.freeTier !== 'false';
      const now = new Date();
      const window = sesCostWindow(now, months);
      if (!deps.analytics) throw new ApiHttpError(503, 'unavailable', 'the events store is not configured');
      const [report, channels] = await Promise.all([
        sesCostReport(
          deps.analytics,
          {
            organizationId: organization.id,
            from: window.from,
            to: window.to,
            timezone: 'UTC',
            channelId: query.channel,
          },
          { months, freeTier },
        ),
        listChannels(deps.db, organization.id),
      ]);
      const names = new Map(channels.map((channel) => [channel.id, channel.name]));
      const named = report.channels.map((channel) => ({
        ...channel,
        name: names.get(channel.channelId) ?? UNASSIGNED,
      }));

      if (query.format === 'csv') {
        requirePermission(context, 'billing.ses_costs.export');
        const stamp = `${report.trend[0]?.month}-to-${report.current.month}`;
        if (query.by === 'channel') {
          return sendCsv(
            reply,
            `ses-costs-by-channel-${organization.slug}-${stamp}`,
            ['channel', 'channel_id', 'send_count', 'estimated_cost_usd', 'share'],
            named.map((c) => [c.name, c.channelId, c.sends, usd(c.costUsd), c.share.toFixed(4)]),
          );
        }
        return sendCsv(
          reply,
          `ses-costs-by-month-${organization.slug}-${stamp}`,
          ['year', 'month', 'send_count', 'billable_send_count', 'estimated_cost_usd'],
          monthRows(report),
        );
      }
      return { ...report, channels: named };
    },
  );
};
