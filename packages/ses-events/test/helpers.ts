import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AccountEventEnvelope,
  DEFAULT_TEMPLATE_TAG_NAMES,
  type NormalizeContext,
  parseEventBridgeBody,
  type SesEventEnvelope,
} from '../src/index.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

export const EMAIL_FIXTURES = [
  'send',
  'delivery',
  'bounce',
  'complaint',
  'reject',
  'open',
  'click',
  'rendering-failure',
  'delivery-delay',
  'subscription',
] as const;

export const ACCOUNT_FIXTURES = ['sending-status-disabled', 'advisor-recommendation-status-open'] as const;

/** The fixture's text, exactly as it would arrive as a request body. */
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.json`), 'utf8');
}

/**
 * Untyped JSON: tests mutate fixtures deep inside to build variants (including invalid ones),
 * which a precise type would only obstruct.
 */
// biome-ignore lint/suspicious/noExplicitAny: test-only, deliberately untyped JSON
export type Json = any;

/** A fresh, mutable copy of a fixture, for building variants. */
export function fixtureBody(name: string): Json {
  return JSON.parse(fixtureText(name)) as Json;
}

export function parseSes(body: unknown): SesEventEnvelope {
  const result = parseEventBridgeBody(body);
  if (result.kind !== 'ses_event') throw new Error(`expected ses_event, got ${JSON.stringify(result)}`);
  return result.envelope;
}

export function parseAccount(body: unknown): AccountEventEnvelope {
  const result = parseEventBridgeBody(body);
  if (result.kind !== 'account_event')
    throw new Error(`expected account_event, got ${JSON.stringify(result)}`);
  return result.envelope;
}

export function context(overrides: Partial<NormalizeContext> = {}): NormalizeContext {
  return {
    organizationId: 'org-1',
    sendingIdentity: 'example.com',
    channelId: '6f1c2d3e-0000-4000-8000-000000000001',
    templateTagNames: DEFAULT_TEMPLATE_TAG_NAMES,
    retentionDays: 90,
    ingestedAt: '2024-05-01T12:00:00.123Z',
    raw: '{"raw":true}',
    ...overrides,
  };
}
