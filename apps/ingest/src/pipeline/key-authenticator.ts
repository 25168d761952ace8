import { hash as digest, timingSafeEqual } from 'node:crypto';
import { IngestError, storeUnavailable } from '../errors.ts';
import type { ControlPlane, OrganizationAuth } from './control-plane.ts';

/**
 * Identifies the organization from the `x-api-key` header. Keys are stored only as SHA-256 hashes;
 * positive answers are cached briefly, and a key is refused only after Postgres said it is unknown
 * (an outage answers 503 so EventBridge retries instead of dropping the event).
 */
export class KeyAuthenticator {
  private readonly cache = new Map<string, { auth: OrganizationAuth; expiresAt: number }>();
  private readonly inflight = new Map<string, Promise<OrganizationAuth | undefined>>();
  private readonly controlPlane: ControlPlane;
  private readonly ttlMs: number;

  constructor(controlPlane: ControlPlane, ttlMs: number) {
    this.controlPlane = controlPlane;
    this.ttlMs = ttlMs;
  }

  /** A fresh cached answer for this key, without a promise (the per-event path); else undefined. */
  cached(key: string | undefined): OrganizationAuth | undefined {
    if (!key) return undefined;
    const cached = this.cache.get(digest('sha256', key, 'hex'));
    return cached && cached.expiresAt > Date.now() ? cached.auth : undefined;
  }

  async authenticate(key: string | undefined): Promise<OrganizationAuth> {
    if (!key) throw new IngestError('missing_api_key', 403, 'the x-api-key header is required');
    const hash = digest('sha256', key, 'hex');
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > Date.now()) return cached.auth;

    let lookup = this.inflight.get(hash);
    if (!lookup) {
      lookup = this.controlPlane.findOrganizationByKeyHash(hash).finally(() => this.inflight.delete(hash));
      this.inflight.set(hash, lookup);
    }
    let auth: OrganizationAuth | undefined;
    try {
      auth = await lookup;
    } catch {
      throw storeUnavailable('the control-plane database');
    }
    if (!auth || !timingSafeEqual(Buffer.from(auth.keyHash, 'hex'), Buffer.from(hash, 'hex'))) {
      this.cache.delete(hash);
      throw new IngestError('invalid_api_key', 403, 'the API key is not valid (unknown or revoked)');
    }
    this.cache.set(hash, { auth, expiresAt: Date.now() + this.ttlMs });
    return auth;
  }
}
