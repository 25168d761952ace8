import { randomUUID } from 'node:crypto';
import { insertEventRows } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Exclusion,
  type ExclusionChange,
  iterateUndeliverable,
  listUndeliverable,
  PROFILE_SETTINGS,
  previewRules,
  REASONS,
  type RuleSettings,
  writeExclusionMirror,
} from '../src/index.ts';
import { eventRows, type TestEvent } from './event-rows.ts';
import { oracleList, oraclePreview } from './oracle.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-06-15T12:00:00.000Z');

let analytics: TestAnalytics;
beforeAll(async () => {
  analytics = await createTestAnalytics();
});
afterAll(async () => {
  await analytics?.destroy();
});

// Mixed case on purpose: the list is per address, case-insensitively.
const ADDRESSES = [
  'Ann@Acme.test',
  'ann@acme.test',
  'bob@acme.test',
  'carol@mail.example',
  'dave@x.io',
  'eve@x.io',
];

const offsetArb = fc.oneof(
  // Exactly k days before now: on the edge of a k-day window (and of the retention window).
  fc.integer({ min: 0, max: 40 }).map((k) => k * DAY),
  fc.constantFrom(30, 90, 400).map((k) => k * DAY),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom(-1, 1)).map(([k, d]) => k * DAY + d),
  fc.integer({ min: -DAY, max: 420 * DAY }),
);

const eventArb = fc.record({
  recipient: fc.constantFrom(...ADDRESSES),
  offset: offsetArb,
  kind: fc.constantFrom(
    'Permanent',
    'Transient',
    'Transient',
    'Transient',
    'Undetermined',
    'Complaint',
    'Reject',
    'Delivery',
    'DeliveryDelay',
  ),
  subType: fc.constantFrom(
    'General',
    'General',
    'NoEmail',
    'Suppressed',
    'MailboxFull',
    'MessageTooLarge',
    'ContentRejected',
    'AttachmentRejected',
    'ChannelLimitExceeded',
  ),
  dsn: fc.constantFrom('5.1.1', '4.4.7', '5.4.4', '5.2.2', '5.7.1', '5.2.1', '4.2.2', '5.1.10'),
  feedback: fc.constantFrom('abuse', 'fraud', 'not-spam'),
  duplicate: fc.boolean(),
});

const windowedArb = fc.record({
  enabled: fc.boolean(),
  events: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 100 })),
  window_days: fc.oneof(fc.constantFrom(1, 7, 14, 30), fc.integer({ min: 1, max: 365 })),
});
const settingsArb: fc.Arbitrary<RuleSettings> = fc.oneof(
  fc.constantFrom(PROFILE_SETTINGS.strict, PROFILE_SETTINGS.standard, PROFILE_SETTINGS.aggressive),
  fc.record({
    repeated_transient: windowedArb,
    undetermined: windowedArb,
    soft_bounce_accumulation: windowedArb,
    permanent_dsn: windowedArb,
  }),
);

const scenarioArb = fc.record({
  events: fc.array(eventArb, { minLength: 1, maxLength: 60 }),
  exclusions: fc.array(
    fc.record({
      recipient: fc.constantFrom(...ADDRESSES, 'never-bounced@acme.test'),
      offset: offsetArb,
      note: fc.option(fc.constantFrom('fixed mailbox', 'customer typo'), { nil: null }),
      // Re-listed later: the mirror holds a newer inactive revision, so it must not exclude.
      relisted: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
  current: settingsArb,
  candidate: settingsArb,
  retentionDays: fc.constantFrom(30, 90, 400),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function toEvents(scenario: Scenario): TestEvent[] {
  return scenario.events.map((e, i) => {
    const base = {
      id: `evt-${String(i).padStart(4, '0')}`,
      recipient: e.recipient,
      time: new Date(NOW.getTime() - e.offset),
    };
    if (e.kind === 'Complaint') return { ...base, type: 'Complaint', feedbackType: e.feedback };
    if (e.kind === 'Reject' || e.kind === 'Delivery' || e.kind === 'DeliveryDelay')
      return { ...base, type: e.kind };
    return { ...base, type: 'Bounce', bounceType: e.kind, bounceSubType: e.subType, dsnStatus: e.dsn };
  });
}

async function load(organizationId: string, scenario: Scenario, events: TestEvent[]): Promise<void> {
  const { store } = analytics;
  await insertEventRows(
    store,
    events.flatMap((e) => eventRows(organizationId, e)),
  );
  // Duplicate deliveries of the same events (EventBridge retries) in a separate insert.
  const again = events.filter((_, i) => scenario.events[i]?.duplicate);
  await insertEventRows(
    store,
    again.flatMap((e) => eventRows(organizationId, e)),
  );
}

/** Writes the scenario's clearings to the ClickHouse mirror; returns the ones still active. */
async function clearings(organizationId: string, scenario: Scenario): Promise<Exclusion[]> {
  const latest = new Map<string, { exclusion: Exclusion; relisted: boolean }>();
  for (const x of scenario.exclusions) {
    const address = x.recipient.toLowerCase();
    latest.set(address, {
      relisted: x.relisted,
      exclusion: {
        id: randomUUID(),
        address,
        note: x.note,
        actorUserId: null,
        actorName: 'Test Operator',
        clearedAt: new Date(NOW.getTime() - x.offset),
      },
    });
  }
  const entries = [...latest.values()];
  const change = (e: Exclusion, active: boolean, revision: bigint): ExclusionChange => ({
    address: e.address,
    clearedAt: e.clearedAt,
    note: e.note,
    actorName: e.actorName,
    active,
    revision,
  });
  await writeExclusionMirror(
    analytics.store,
    organizationId,
    entries.map((x) => change(x.exclusion, true, 1n)),
  );
  await writeExclusionMirror(
    analytics.store,
    organizationId,
    entries.filter((x) => x.relisted).map((x) => change(x.exclusion, false, 2n)),
  );
  return entries.filter((x) => !x.relisted).map((x) => x.exclusion);
}

describe('ClickHouse evaluation against the plain TypeScript oracle', () => {
  it('matches address for address, reason for reason, count for count (profiles and random knobs)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const organizationId = randomUUID();
        const events = toEvents(scenario);
        await load(organizationId, scenario, events);
        const exclusions = await clearings(organizationId, scenario);
        const scope = { organizationId, now: NOW, retentionDays: scenario.retentionDays };

        const expected = oracleList({
          events,
          exclusions,
          settings: scenario.current,
          now: NOW,
          retentionDays: scenario.retentionDays,
        });
        const actual = [];
        // A small page size walks the keyset cursor across many pages.
        for await (const row of iterateUndeliverable(
          analytics.store,
          { ...scope, settings: scenario.current, filters: { status: 'all' } },
          3,
        )) {
          actual.push(row);
        }
        expect(actual.map((r) => r.address).sort()).toEqual([...expected.keys()].sort());
        for (const row of actual) {
          const want = expected.get(row.address);
          expect({
            status: row.status,
            reason: row.reason,
            events: row.events,
            lastChange: Date.parse(row.lastChange),
            lastDiagnostic: row.lastDiagnostic,
            label: row.reasonLabel,
          }).toEqual({
            status: want?.status,
            reason: want?.reason,
            events: want?.events,
            lastChange: want?.lastChange,
            lastDiagnostic: want?.lastDiagnostic,
            label: want?.reason
              ? want.subType && (want.reason === 'permanent_bounce' || want.reason === 'complaint')
                ? `${want.reason.replace(/_/g, ' ')} · ${want.subType}`
                : want.reason.replace(/_/g, ' ')
              : null,
          });
        }
        // Newest change first, then address: the order the cursor relies on.
        const order = actual.map((r) => [Date.parse(r.lastChange), r.address] as const);
        const sorted = [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
        expect(order).toEqual(sorted);

        // Filters compose: Listed + one reason + a search.
        const reason = REASONS[scenario.events.length % 4];
        const page = await listUndeliverable(analytics.store, {
          ...scope,
          settings: scenario.current,
          filters: { status: 'listed', reasons: reason ? [reason] : [], search: 'ACME' },
          limit: 500,
        });
        const filtered = [...expected.values()]
          .filter((r) => r.status === 'listed' && r.reason === reason && r.address.includes('acme'))
          .map((r) => r.address)
          .sort();
        expect(page.items.map((r) => r.address).sort()).toEqual(filtered);

        // Excluded alone takes its own join: the same rows as in the full list.
        const excluded = await listUndeliverable(analytics.store, {
          ...scope,
          settings: scenario.current,
          filters: { status: 'excluded' },
          limit: 500,
        });
        expect(excluded.items).toEqual(actual.filter((r) => r.status === 'excluded'));

        const preview = await previewRules(analytics.store, {
          ...scope,
          current: scenario.current,
          candidate: scenario.candidate,
        });
        expect(preview).toEqual(
          oraclePreview({
            events,
            exclusions,
            current: scenario.current,
            candidate: scenario.candidate,
            now: NOW,
            retentionDays: scenario.retentionDays,
          }),
        );
      }),
      { numRuns: Number(process.env.ORACLE_RUNS ?? 12), endOnFailure: true },
    );
  });
});

describe('edges the spec is precise about', () => {
  it('window edges at exactly N days, duplicate deliveries, the retention boundary, clearing then a new failure', async () => {
    const organizationId = randomUUID();
    const at = (ms: number) => new Date(NOW.getTime() - ms);
    const transient = (id: string, recipient: string, ms: number): TestEvent => ({
      id,
      recipient,
      time: at(ms),
      type: 'Bounce',
      bounceType: 'Transient',
      bounceSubType: 'General',
      dsnStatus: '4.0.0',
    });
    const permanent = (id: string, recipient: string, ms: number): TestEvent => ({
      id,
      recipient,
      time: at(ms),
      type: 'Bounce',
      bounceType: 'Permanent',
      bounceSubType: 'NoEmail',
    });
    const events: TestEvent[] = [
      // 3 in 30 days, the oldest exactly 30 days ago: inside the window.
      transient('w1', 'edge-in@t.test', 0),
      transient('w2', 'edge-in@t.test', 15 * DAY),
      transient('w3', 'edge-in@t.test', 30 * DAY),
      // The oldest 1 ms past 30 days: outside.
      transient('o1', 'edge-out@t.test', 0),
      transient('o2', 'edge-out@t.test', 15 * DAY),
      transient('o3', 'edge-out@t.test', 30 * DAY + 1),
      // Two events, one of them delivered three times: still two.
      transient('d1', 'dup@t.test', DAY),
      transient('d2', 'dup@t.test', 2 * DAY),
      // Retention 90 days: exactly 90 days counts, 1 ms more does not.
      permanent('r1', 'ret-in@t.test', 90 * DAY),
      permanent('r2', 'ret-out@t.test', 90 * DAY + 1),
      // Cleared 10 days ago, bounced again 5 days ago: Listed. Cleared after its last bounce: Excluded.
      permanent('c1', 'cleared-again@t.test', 20 * DAY),
      permanent('c2', 'cleared-again@t.test', 5 * DAY),
      permanent('k1', 'cleared@t.test', 20 * DAY),
    ];
    const { store } = analytics;
    await insertEventRows(
      store,
      events.flatMap((e) => eventRows(organizationId, e)),
    );
    const d2 = events.filter((e) => e.id === 'd2').flatMap((e) => eventRows(organizationId, e));
    await insertEventRows(store, d2);
    await insertEventRows(store, d2);
    const exclusions: Exclusion[] = ['cleared-again@t.test', 'cleared@t.test'].map((address) => ({
      id: randomUUID(),
      address,
      note: null,
      actorUserId: null,
      actorName: null,
      clearedAt: at(10 * DAY),
    }));
    await writeExclusionMirror(
      store,
      organizationId,
      exclusions.map((e) => ({ ...e, active: true, revision: 1n })),
    );
    const settings = PROFILE_SETTINGS.standard;
    const rows = [];
    for await (const row of iterateUndeliverable(store, {
      organizationId,
      now: NOW,
      retentionDays: 90,
      settings,
      filters: { status: 'all' },
    })) {
      rows.push(row);
    }
    const summary = Object.fromEntries(rows.map((r) => [r.address, `${r.status} ${r.reason} ${r.events}`]));
    expect(summary).toEqual({
      'edge-in@t.test': 'listed repeated_transient 3',
      'ret-in@t.test': 'listed permanent_bounce 1',
      'cleared-again@t.test': 'listed permanent_bounce 2',
      'cleared@t.test': 'excluded permanent_bounce 1',
    });
    const expected = oracleList({ events, exclusions, settings, now: NOW, retentionDays: 90 });
    expect(
      Object.fromEntries(
        [...expected.values()].map((r) => [r.address, `${r.status} ${r.reason} ${r.events}`]),
      ),
    ).toEqual(summary);
  });
});
