import { type SesMail, sendingIdentityCandidates } from '@sendops/ses-events';
import { storeUnavailable } from '../errors.ts';
import type { ControlPlane, OrganizationDirectory } from './control-plane.ts';

export interface IdentityMatch {
  identity: string;
  channelId: string | null;
}

const MATCH_CACHE_SIZE = 10_000;

/** One organization's managed identities and channels, indexed for the per-event lookups. */
export class OrganizationIdentities {
  private readonly identities: Map<string, string | null>;
  private readonly channelsByConfigSet: Map<string, string>;
  /** `matchMail` answers by source (and source ARN): a sender sends many events. Bounded, cleared when full. */
  private readonly matches = new Map<string, IdentityMatch | null>();

  constructor(directory: OrganizationDirectory) {
    this.identities = new Map(directory.identities.map((i) => [i.value.toLowerCase(), i.channelId]));
    this.channelsByConfigSet = new Map(directory.channels.map((c) => [c.configurationSet, c.id]));
  }

  /** `match(sendingIdentityCandidates(mail))`, remembered per source and source ARN. */
  matchMail(mail: Pick<SesMail, 'source' | 'sourceArn'>): IdentityMatch | undefined {
    const key = mail.sourceArn === undefined ? mail.source : `${mail.source}\n${mail.sourceArn}`;
    let found = this.matches.get(key);
    if (found === undefined) {
      found = this.match(sendingIdentityCandidates(mail)) ?? null;
      if (this.matches.size >= MATCH_CACHE_SIZE) this.matches.clear();
      this.matches.set(key, found);
    }
    return found ?? undefined;
  }

  /** The first candidate (address, domain, parent domains, sourceArn identity) that is managed. */
  match(candidates: readonly string[]): IdentityMatch | undefined {
    for (const candidate of candidates) {
      const channelId = this.identities.get(candidate);
      if (channelId !== undefined) return { identity: candidate, channelId };
    }
    return undefined;
  }

  /**
   * The channel of an event: the one whose SES configuration set sent it; failing that (no set, or the
   * stack's base `sendops-events` set) the channel the matched identity is assigned to; else none.
   */
  resolveChannel(configurationSet: string, match: IdentityMatch): string {
    return this.channelsByConfigSet.get(configurationSet) ?? match.channelId ?? '';
  }
}

/**
 * Caches each organization's directory for a short TTL. On a Postgres outage a stale copy keeps
 * serving (identities change rarely); with no copy at all the request gets a retryable 503.
 */
export class IdentityDirectory {
  private readonly cache = new Map<string, { value: OrganizationIdentities; fetchedAt: number }>();
  private readonly inflight = new Map<string, Promise<OrganizationIdentities>>();
  private readonly controlPlane: ControlPlane;
  private readonly ttlMs: number;

  constructor(controlPlane: ControlPlane, ttlMs: number) {
    this.controlPlane = controlPlane;
    this.ttlMs = ttlMs;
  }

  /** The cached directory while it is fresh, without a promise (the per-event path). */
  cached(organizationId: string): OrganizationIdentities | undefined {
    const cached = this.cache.get(organizationId);
    return cached && Date.now() - cached.fetchedAt < this.ttlMs ? cached.value : undefined;
  }

  async forOrganization(organizationId: string): Promise<OrganizationIdentities> {
    const cached = this.cache.get(organizationId);
    if (cached && Date.now() - cached.fetchedAt < this.ttlMs) return cached.value;
    try {
      return await this.refresh(organizationId);
    } catch {
      if (cached) return cached.value;
      throw storeUnavailable('the control-plane database');
    }
  }

  private refresh(organizationId: string): Promise<OrganizationIdentities> {
    let pending = this.inflight.get(organizationId);
    if (!pending) {
      pending = this.controlPlane
        .loadDirectory(organizationId)
        .then((directory) => {
          const value = new OrganizationIdentities(directory);
          this.cache.set(organizationId, { value, fetchedAt: Date.now() });
          return value;
        })
        .finally(() => this.inflight.delete(organizationId));
      this.inflight.set(organizationId, pending);
    }
    return pending;
  }
}
