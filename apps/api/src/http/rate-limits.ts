import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiHttpError } from './api-http-error.ts';

export interface Limit {
  max: number;
  timeWindowMs: number;
}

export interface RateLimitSettings {
  /** Every `/api/auth/*` request, per client IP. */
  authPerIp: Limit;
  /** Sign-in and sign-up attempts per email address, whatever the IP (credential stuffing). */
  authPerEmail: Limit;
  /** Requests of one organization (dashboard and `/v1`), so one tenant cannot starve the others. */
  perOrganization: Limit;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  authPerIp: { max: 30, timeWindowMs: 60_000 },
  authPerEmail: { max: 10, timeWindowMs: 15 * 60_000 },
  perOrganization: { max: 1200, timeWindowMs: 60_000 },
};

export type RateLimiter = (request: FastifyRequest, key: string) => Promise<void>;

/** A limiter over @fastify/rate-limit's store that refuses with 429 and `Retry-After`. */
export function createLimiter(app: FastifyInstance, name: string, limit: Limit): RateLimiter {
  const check = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    keyGenerator: (request) =>
      `${name}:${(request as FastifyRequest & { rateLimitKey?: string }).rateLimitKey}`,
  });
  return async (request, key) => {
    (request as FastifyRequest & { rateLimitKey?: string }).rateLimitKey = key;
    const result = await check(request);
    if (!result.isAllowed && result.isExceeded) {
      const retryAfter = String(Math.max(1, result.ttlInSeconds));
      throw new ApiHttpError(429, 'rate_limited', `too many requests, retry in ${retryAfter} s`, {
        'retry-after': retryAfter,
      });
    }
  };
}
