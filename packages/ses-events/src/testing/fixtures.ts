import { readFileSync } from 'node:fs';

/** The AWS-documented example events (test/fixtures, see its README), as EventBridge delivers them. */
export const SES_FIXTURE_NAMES = [
  'send',
  'delivery',
  'bounce',
  'complaint',
  'reject',
  'open',
  'click',
  'delivery-delay',
  'rendering-failure',
  'subscription',
  'sending-status-disabled',
  'advisor-recommendation-status-open',
] as const;

export type SesFixtureName = (typeof SES_FIXTURE_NAMES)[number];

// biome-ignore lint/suspicious/noExplicitAny: tests reshape fixtures freely to build edge cases
export type FixtureJson = Record<string, any>;

/** A fresh deep copy each call, so tests can modify it freely. */
export function loadSesFixture(name: SesFixtureName): FixtureJson {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}.json`, import.meta.url), 'utf8'));
}
