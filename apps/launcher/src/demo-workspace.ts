import {
  addChannel,
  addIdentity,
  createOrganization,
  type Database,
  findDemoOrganization,
  listChannels,
  listIdentities,
  rotateIngestApiKey,
} from '@sendops/db';
import { DEMO_ORGANIZATION } from '@sendops/simulator';
import type { Kysely } from 'kysely';

export interface DemoWorkspace {
  organizationId: string;
  ingestApiKey: string;
  domains: string[];
  configurationSets: string[];
  /** Configuration set → channel uuid (what the events record as their channel). */
  channelIdsByConfigSet: Record<string, string>;
}

/**
 * Creates the demo organization once (identities, the four default channels) and issues a fresh ingest
 * key for this run's simulated stream: keys are stored only as hashes, so the old one cannot be reused.
 */
export async function ensureDemoWorkspace(db: Kysely<Database>): Promise<DemoWorkspace> {
  const existing = await findDemoOrganization(db);
  const organizationId = existing
    ? existing.id
    : (await createOrganization(db, { name: DEMO_ORGANIZATION.name, isDemo: true })).organization.id;

  const channels = await listChannels(db, organizationId);
  for (const channel of DEMO_ORGANIZATION.channels) {
    if (channels.some((c) => c.configuration_set === channel.configurationSet)) continue;
    await addChannel(db, {
      organizationId,
      name: channel.name,
      configurationSet: channel.configurationSet,
      purpose: channel.purpose,
      isDefault: channel.purpose === 'default',
    });
  }
  const identities = await listIdentities(db, organizationId);
  for (const domain of DEMO_ORGANIZATION.domains) {
    if (!identities.some((i) => i.value === domain))
      await addIdentity(db, { organizationId, kind: 'domain', value: domain });
  }
  const ingestApiKey = await rotateIngestApiKey(db, organizationId);
  const channelIdsByConfigSet = Object.fromEntries(
    (await listChannels(db, organizationId)).map((c) => [c.configuration_set, c.id]),
  );
  return {
    channelIdsByConfigSet,
    organizationId,
    ingestApiKey,
    domains: [...DEMO_ORGANIZATION.domains],
    configurationSets: DEMO_ORGANIZATION.channels.map((c) => c.configurationSet),
  };
}
