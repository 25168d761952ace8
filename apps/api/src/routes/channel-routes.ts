import { listChannels } from '@sendops/db';
import { Type } from '@sinclair/typebox';
import { organizationOf } from '../http/api-app.ts';
import type { RouteModule } from './route-module.ts';

const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });

const ChannelItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  configurationSet: Type.String(),
  purpose: Type.String(),
  isDefault: Type.Boolean(),
});

/** The organization's channels (default first): the reports' channel filter lists them. */
export const channelRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/orgs/:slug/channels',
    {
      config: { permission: 'channels.view' },
      schema: {
        params: Slug,
        response: { 200: Type.Object({ items: Type.Array(ChannelItem), nextCursor: Type.Null() }) },
      },
    },
    async (request) => {
      const channels = await listChannels(deps.db, organizationOf(request).organization.id);
      return {
        items: channels.map((channel) => ({
          id: channel.id,
          name: channel.name,
          configurationSet: channel.configuration_set,
          purpose: channel.purpose,
          isDefault: channel.is_default,
        })),
        nextCursor: null,
      };
    },
  );
};
