import type { ChannelProfile, OrganizationProfile } from './organizations.ts';
import { hash32, seedFromString, WeightedPicker } from './random.ts';
import { RecipientPopulation } from './recipients.ts';
import {
  type ChannelPurpose,
  DEFAULT_TEMPLATES,
  PURPOSE_TRACKING,
  PURPOSE_VOLUME,
  type TemplateLink,
  type TemplateProfile,
} from './templates.ts';

/** Everything about an organization the per-message hot path needs, computed once. */
export interface CompiledOrganization {
  profile: OrganizationProfile;
  index: number;
  channels: WeightedPicker<CompiledChannel>;
  recipients: RecipientPopulation;
  /** `ses:source-ip`: the customer's application servers calling SES. */
  sourceIps: readonly string[];
  /** `ses:outgoing-ip`: SES sending IPs of the region. */
  outgoingIps: readonly string[];
  messageIdPrefix: string;
  /** `smtp-out` host suffix of the region, for reporting MTAs. */
  mtaSuffix: string;
}

export interface CompiledChannel {
  profile: ChannelProfile;
  tracking: boolean;
  /** `resources[0]` of every envelope: the configuration set ARN. */
  arn: string;
  templates: WeightedPicker<CompiledTemplate | undefined>;
  operations: WeightedPicker<string>;
  callerIdentity: string;
}

export interface CompiledTemplate {
  name: string;
  purpose: ChannelPurpose;
  subjects: readonly string[];
  links: readonly TemplateLink[];
  sender: Sender;
}

export interface Sender {
  /** `mail.source`, with display name. */
  source: string;
  address: string;
  domain: string;
  /** The identity SES authorized the send with (domain, or the address when that is the identity). */
  identity: string;
  sourceArn: string;
}

const SES_POOLS: Record<string, readonly string[]> = {
  'us-east-1': ['54.240.8', '54.240.9', '54.240.11', '23.251.226', '54.240.48'],
  'us-west-2': ['54.240.27', '54.240.24', '23.249.217'],
  'eu-west-1': ['54.240.7', '54.240.6', '54.240.4'],
  'eu-central-1': ['69.169.228', '69.169.224'],
  'ap-northeast-1': ['23.251.234', '23.251.233'],
};
const MESSAGE_ID_PREFIX: Record<string, string> = {
  'us-east-1': '0100',
  'us-west-2': '0101',
  'eu-west-1': '0102',
  'eu-central-1': '0107',
  'ap-northeast-1': '0106',
};
/** AWS EC2 ranges the customers' application servers call SES from. */
const EC2_PREFIXES = ['3.', '18.', '34.', '52.', '54.'];

const OPERATIONS: Record<ChannelPurpose, readonly (readonly [string, number])[]> = {
  transactional: [
    ['SendEmail', 70],
    ['SendTemplatedEmail', 15],
    ['SendRawEmail', 15],
  ],
  marketing: [
    ['SendBulkEmail', 60],
    ['SendBulkTemplatedEmail', 30],
    ['SendEmail', 10],
  ],
  onboarding: [
    ['SendEmail', 85],
    ['SendTemplatedEmail', 15],
  ],
  default: [
    ['SendEmail', 60],
    ['SendRawEmail', 25],
    ['SendSmtpEmail', 15],
  ],
  custom: [
    ['SendEmail', 60],
    ['SendRawEmail', 40],
  ],
};
const CALLERS: Record<ChannelPurpose, string> = {
  transactional: 'app-backend',
  marketing: 'campaign-runner',
  onboarding: 'lifecycle-worker',
  default: 'app-backend',
  custom: 'ses-smtp-user',
};

export function compileOrganization(profile: OrganizationProfile, index: number): CompiledOrganization {
  if (profile.channels.length === 0) throw new Error(`organization ${profile.name}: no channels`);
  const salt = seedFromString(profile.organizationId ?? profile.name);
  const region = profile.region;
  const templates = profile.templates ?? DEFAULT_TEMPLATES;
  const fallback =
    profile.channels.find((c) => c.isDefault) ?? profile.channels.find((c) => c.purpose === 'default');
  const channels = profile.channels.map((channel, i): readonly [CompiledChannel, number] => {
    const own = templates.filter((t) => t.purpose === channel.purpose);
    // Templates whose purpose has no channel of their own go out through the default channel.
    const orphans =
      channel === (fallback ?? profile.channels[0])
        ? templates.filter((t) => !profile.channels.some((c) => c.purpose === t.purpose))
        : [];
    const mine = [...own, ...orphans];
    const chosen = mine.length > 0 ? mine : templates;
    const compiled = chosen.map((t) => [compileTemplate(profile, t, i), t.weight] as const);
    return [
      {
        profile: channel,
        tracking: channel.engagementTracking ?? PURPOSE_TRACKING[channel.purpose],
        arn: `arn:aws:ses:${region}:${profile.awsAccountId}:configuration-set/${channel.configurationSet}`,
        // A few sends carry no template tag at all (ad-hoc mail from code).
        templates: new WeightedPicker<CompiledTemplate | undefined>([
          ...compiled,
          [undefined, compiled.reduce((sum, [, w]) => sum + w, 0) * 0.05],
        ]),
        operations: new WeightedPicker(OPERATIONS[channel.purpose]),
        callerIdentity: CALLERS[channel.purpose],
      },
      PURPOSE_VOLUME[channel.purpose],
    ];
  });
  const pool = SES_POOLS[region] ?? ['54.240.27', '23.249.217'];
  return {
    profile,
    index,
    channels: new WeightedPicker(channels),
    recipients: new RecipientPopulation(salt, profile.audienceSize ?? 20_000, profile.audience),
    sourceIps: [0, 1].map((k) => {
      const h = hash32(salt, k);
      return `${EC2_PREFIXES[h % EC2_PREFIXES.length]}${(h >>> 8) & 255}.${(h >>> 16) & 255}.${1 + ((h >>> 24) % 254)}`;
    }),
    outgoingIps: pool.flatMap((prefix, k) =>
      [10, 20, 30].map((n) => `${prefix}.${n + ((hash32(salt, k + n) >>> 0) % 60)}`),
    ),
    messageIdPrefix: MESSAGE_ID_PREFIX[region] ?? '0100',
    mtaSuffix: region === 'us-east-1' ? 'smtp-out.amazonses.com' : `smtp-out.${region}.amazonses.com`,
  };
}

function compileTemplate(
  profile: OrganizationProfile,
  template: TemplateProfile,
  channelIndex: number,
): CompiledTemplate {
  const apex = [...profile.domains].sort((a, b) => a.length - b.length)[0];
  const site = apex ?? profile.addresses?.[0]?.split('@')[1] ?? 'example.com';
  const fill = (text: string) => text.replaceAll('{brand}', profile.brand).replaceAll('{site}', site);
  return {
    name: template.name,
    purpose: template.purpose,
    subjects: template.subjects.map(fill),
    links: template.links.map((l) => ({ url: fill(l.url), tags: l.tags })),
    sender: senderFor(profile, template, channelIndex, apex),
  };
}

function senderFor(
  profile: OrganizationProfile,
  template: TemplateProfile,
  channelIndex: number,
  apex?: string,
): Sender {
  const arn = (identity: string) =>
    `arn:aws:ses:${profile.region}:${profile.awsAccountId}:identity/${identity}`;
  const addresses = profile.addresses ?? [];
  // Address identities carry the general-purpose mail (or everything when there is no domain).
  const address = addresses[channelIndex % Math.max(addresses.length, 1)];
  if (address && (!apex || template.purpose === 'default' || template.purpose === 'custom')) {
    return {
      source: `${profile.brand} Support <${address}>`,
      address,
      domain: address.slice(address.indexOf('@') + 1),
      identity: address,
      sourceArn: arn(address),
    };
  }
  // Bulk mail goes out from a subdomain (mail., news.) when there is one, to keep reputations apart.
  const sub = profile.domains.find((domain) => domain !== apex);
  const domain = (template.purpose === 'marketing' && sub) || apex || 'example.com';
  const local = template.senderLocalPart;
  return {
    source: `${profile.brand} <${local}@${domain}>`,
    address: `${local}@${domain}`,
    domain,
    identity: domain,
    sourceArn: arn(domain),
  };
}
