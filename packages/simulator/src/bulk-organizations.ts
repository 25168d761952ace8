import {
  DEFAULT_CHANNELS,
  type OrganizationProfile,
  organizationFromIdentities,
  SIMULATED_ORGANIZATIONS,
} from './organizations.ts';
import { hash32, seedFromString } from './random.ts';

/** A tenant to bulk-load: its id, managed identities and channel ids. */
export interface BulkOrganization {
  organizationId: string;
  /** Domain identities (an entry with `@` is an address identity). */
  domains: string[];
  /** Configuration set → channel uuid; its keys are the organization's configuration sets. */
  channelIdsByConfigSet: Record<string, string>;
  /** Relative volume. Default: a long-tailed spread (the first tenants send the most). */
  weight?: number;
  /** Default 400. */
  retentionDays?: number;
  /** Distinct recipients. Default: the audience of the simulated tenant it borrows from. */
  audienceSize?: number;
}

const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-northeast-1', 'eu-central-1'];

/**
 * A full profile for each bulk tenant. Audiences, regions and AWS accounts vary by tenant (borrowed from
 * SIMULATED_ORGANIZATIONS in turn), so reports over many tenants are not all alike.
 */
export function bulkProfiles(organizations: readonly BulkOrganization[]): OrganizationProfile[] {
  return organizations.map((organization, i) => {
    const base = SIMULATED_ORGANIZATIONS[i % SIMULATED_ORGANIZATIONS.length] as OrganizationProfile;
    const salt = seedFromString(organization.organizationId);
    const configurationSets = Object.keys(organization.channelIdsByConfigSet);
    const first = organization.domains[0] ?? 'example.com';
    const label = first.includes('@') ? (first.split('@')[1] ?? first) : first;
    const brandWord = label.split('.').find((part) => part !== 'mail' && part !== 'news') ?? label;
    const profile = organizationFromIdentities({
      identities: organization.domains,
      configurationSets:
        configurationSets.length > 0 ? configurationSets : DEFAULT_CHANNELS.map((c) => c.configurationSet),
      base: {
        ...base,
        name: brandWord,
        brand: brandWord.charAt(0).toUpperCase() + brandWord.slice(1),
        awsAccountId: String(
          100_000_000_000 + (hash32(salt, 1) % 899_999_999) * 1000 + (hash32(salt, 2) % 1000),
        ),
        region: REGIONS[hash32(salt, 3) % REGIONS.length] as string,
        audienceSize: organization.audienceSize ?? base.audienceSize,
      },
      organizationId: organization.organizationId,
    });
    profile.weight = organization.weight ?? 1 / (i + 1) ** 0.7;
    return profile;
  });
}
