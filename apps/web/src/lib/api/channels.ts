// Channels of an organization (GET /api/orgs/:slug/channels): the reports' channel filter lists them.
import { api } from './client.ts';

export interface Channel {
  id: string;
  name: string;
  configurationSet: string;
  purpose: 'default' | 'transactional' | 'marketing' | 'onboarding' | 'custom';
  isDefault: boolean;
}

export const channelsApi = {
  list: (slug: string) =>
    api.get<{ items: Channel[]; nextCursor: null }>(`/api/orgs/${encodeURIComponent(slug)}/channels`),
};
