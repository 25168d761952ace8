import {
  type Database,
  findOrganizationByIngestKeyHash,
  listChannels,
  listManagedIdentities,
} from '@sendops/db';
import { type Kysely, sql } from 'kysely';

/** What the ingest needs from Postgres, behind one small seam so the pipeline stays free of SQL. */
export interface ControlPlane {
  findOrganizationByKeyHash(hash: string): Promise<OrganizationAuth | undefined>;
  loadDirectory(organizationId: string): Promise<OrganizationDirectory>;
  ping(): Promise<void>;
}

export interface OrganizationAuth {
  organizationId: string;
  keyHash: string;
  templateTagNames: readonly string[];
  retentionDays: number;
}

export interface OrganizationDirectory {
  identities: { value: string; channelId: string | null }[];
  channels: { id: string; configurationSet: string }[];
}

export function postgresControlPlane(db: Kysely<Database>): ControlPlane {
  return {
    async findOrganizationByKeyHash(hash) {
      const org = await findOrganizationByIngestKeyHash(db, hash);
      if (!org) return undefined;
      return {
        organizationId: org.id,
        keyHash: org.ingest_key_hash,
        templateTagNames: org.template_tag_names,
        retentionDays: org.events_retention_days,
      };
    },
    async loadDirectory(organizationId) {
      const [identities, channels] = await Promise.all([
        listManagedIdentities(db, organizationId),
        listChannels(db, organizationId),
      ]);
      return {
        identities: identities.map((i) => ({ value: i.value, channelId: i.channel_id })),
        channels: channels.map((c) => ({ id: c.id, configurationSet: c.configuration_set })),
      };
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
  };
}
