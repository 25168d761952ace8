import {
  type ChannelPurpose,
  DEFAULT_TEMPLATES,
  purposeFromName,
  type TemplateProfile,
} from './templates.ts';

export interface ChannelProfile {
  /** Display name in SendOps, e.g. `Transactional`. */
  name: string;
  /** SES configuration set, e.g. `sesmail-transactional`. */
  configurationSet: string;
  purpose: ChannelPurpose;
  isDefault?: boolean;
  /** Open/click tracking; defaults by purpose (off for transactional, as the spec provisions it). */
  engagementTracking?: boolean;
}

/** A simulated sender: its AWS account, identities, channels and templates. */
export interface OrganizationProfile {
  name: string;
  /** SendOps organization uuid, when the caller has one (bulk load, demo). */
  organizationId?: string;
  /** Brand shown in From display names and subjects. */
  brand: string;
  awsAccountId: string;
  region: string;
  /** Verified domain identities; mail goes out from addresses on these. */
  domains: readonly string[];
  /** Verified email-address identities (sending as the address itself). */
  addresses?: readonly string[];
  channels: readonly ChannelProfile[];
  templates?: readonly TemplateProfile[];
  /** Relative share of all simulated traffic. */
  weight?: number;
  /** Multipliers on recipient-domain weights, e.g. `{ 'gmx.de': 10 }` for a German audience. */
  audience?: Readonly<Record<string, number>>;
  /** Distinct recipients the organization mails (repeat recipients make per-address history real). */
  audienceSize?: number;
}

/** The spec's four auto-provisioned channels (channels/understanding-channels.md). */
export const DEFAULT_CHANNELS: readonly ChannelProfile[] = [
  { name: 'Default', configurationSet: 'sesmail-default', purpose: 'default', isDefault: true },
  { name: 'Transactional', configurationSet: 'sesmail-transactional', purpose: 'transactional' },
  { name: 'Marketing', configurationSet: 'sesmail-marketing', purpose: 'marketing' },
  { name: 'Onboarding', configurationSet: 'sesmail-onboarding', purpose: 'onboarding' },
];

/** The workspace `sendops start` seeds and streams live traffic for. */
export const DEMO_ORGANIZATION = {
  name: 'Demo workspace',
  brand: 'Acme',
  awsAccountId: '111122223333',
  region: 'us-east-1',
  domains: ['acme-demo.dev', 'mail.acme-demo.dev'],
  channels: DEFAULT_CHANNELS,
  templates: DEFAULT_TEMPLATES,
  audienceSize: 20_000,
} as const satisfies OrganizationProfile;

/** A varied set of tenants for synthetic traffic: sizes, regions and audiences differ. */
export const SIMULATED_ORGANIZATIONS: readonly OrganizationProfile[] = [
  { ...DEMO_ORGANIZATION, weight: 3 },
  {
    name: 'Brightpath Learning',
    brand: 'Brightpath',
    awsAccountId: '210987654321',
    region: 'eu-west-1',
    domains: ['brightpath.app', 'news.brightpath.app'],
    addresses: ['support@brightpath-help.com'],
    channels: DEFAULT_CHANNELS,
    weight: 2,
    audience: {
      'gmx.de': 6,
      'web.de': 6,
      'free.fr': 4,
      'orange.fr': 4,
      'libero.it': 4,
      'seznam.cz': 4,
      'hotmail.co.uk': 3,
    },
    audienceSize: 60_000,
  },
  {
    name: 'Kumo Commerce',
    brand: 'Kumo',
    awsAccountId: '398765432109',
    region: 'ap-northeast-1',
    domains: ['kumo-shop.jp'],
    channels: [
      { name: 'Default', configurationSet: 'kumo-default', purpose: 'default', isDefault: true },
      { name: 'Orders', configurationSet: 'kumo-orders', purpose: 'transactional' },
      { name: 'Campaigns', configurationSet: 'kumo-campaigns', purpose: 'marketing' },
    ],
    weight: 1.5,
    audience: {
      'yahoo.co.jp': 12,
      'naver.com': 5,
      'daum.net': 5,
      'qq.com': 3,
      '163.com': 3,
      'litware.jp': 4,
    },
    audienceSize: 40_000,
  },
  {
    name: 'Ledgerly',
    brand: 'Ledgerly',
    awsAccountId: '456789012345',
    region: 'us-west-2',
    domains: ['ledgerly.io'],
    channels: DEFAULT_CHANNELS.filter((channel) => channel.purpose !== 'marketing'),
    weight: 1,
    audience: { 'northwindtraders.com': 8, 'contoso.com': 8, 'woodgrovebank.com': 6, 'fabrikam.io': 6 },
    audienceSize: 8_000,
  },
];

export interface OrganizationFromIdentitiesOptions {
  /** Domain identities, or email-address identities (anything with an `@`). */
  identities: readonly string[];
  configurationSets: readonly string[];
  base?: OrganizationProfile;
  organizationId?: string;
}

/**
 * A profile for identities and configuration sets someone else decided (the demo workspace as seeded, a
 * bulk-load tenant): channel purposes come from the base profile's channel of that name or from the name.
 */
export function organizationFromIdentities(options: OrganizationFromIdentitiesOptions): OrganizationProfile {
  const base = options.base ?? DEMO_ORGANIZATION;
  const domains = options.identities.filter((identity) => !identity.includes('@'));
  const addresses = options.identities.filter((identity) => identity.includes('@'));
  if (domains.length === 0 && addresses.length === 0)
    throw new Error('organizationFromIdentities: no identities');
  if (options.configurationSets.length === 0)
    throw new Error('organizationFromIdentities: no configuration sets');
  const channels = options.configurationSets.map((configurationSet, i): ChannelProfile => {
    const known = base.channels.find((channel) => channel.configurationSet === configurationSet);
    if (known) return known;
    const purpose = purposeFromName(configurationSet);
    return { name: configurationSet, configurationSet, purpose, isDefault: i === 0 && purpose === 'default' };
  });
  const profile: OrganizationProfile = { ...base, domains, addresses, channels };
  if (options.organizationId) profile.organizationId = options.organizationId;
  return profile;
}
