import type { TestEvent } from './event-rows.ts';

/**
 * The rules of reports/classification-rules.md and reports/undeliverable-list.md written plainly over
 * in-memory events, independent of the SQL: the oracle the ClickHouse evaluation must agree with.
 */

type Rule =
  | 'permanent_bounce'
  | 'complaint'
  | 'rejected'
  | 'repeated_transient'
  | 'undetermined'
  | 'soft_bounce_accumulation'
  | 'permanent_dsn';

const PRIORITY: Rule[] = [
  'permanent_bounce',
  'complaint',
  'rejected',
  'repeated_transient',
  'undetermined',
  'soft_bounce_accumulation',
  'permanent_dsn',
];
const LOCKED = new Set<Rule>(['permanent_bounce', 'complaint', 'rejected']);
const DAY = 86_400_000;

export type OracleSettings = Record<
  'repeated_transient' | 'undetermined' | 'soft_bounce_accumulation' | 'permanent_dsn',
  { enabled: boolean; events: number; window_days: number }
>;

function qualifies(rule: Rule, e: TestEvent): boolean {
  const bounce = e.type === 'Bounce';
  const transient = bounce && e.bounceType === 'Transient';
  switch (rule) {
    case 'permanent_bounce':
      return bounce && e.bounceType === 'Permanent';
    case 'complaint':
      return e.type === 'Complaint';
    case 'rejected':
      return e.type === 'Reject';
    case 'repeated_transient':
      return transient && e.bounceSubType === 'General';
    case 'undetermined':
      return bounce && e.bounceType === 'Undetermined';
    case 'soft_bounce_accumulation':
      return (
        transient &&
        ['MailboxFull', 'MessageTooLarge', 'ContentRejected', 'AttachmentRejected'].includes(
          e.bounceSubType ?? '',
        )
      );
    case 'permanent_dsn': {
      const status = e.dsnStatus ?? '5.1.1';
      const permanent = /^5\.1\.\d+$/.test(status) || status === '5.2.1' || status === '5.4.4';
      return transient && e.bounceSubType !== 'ChannelLimitExceeded' && permanent;
    }
  }
}

function diagnosticOf(e: TestEvent): string {
  if (e.type === 'Bounce') return e.diagnostic ?? `smtp; 550 ${e.dsnStatus ?? '5.1.1'} ${e.id}`;
  if (e.type === 'Reject') return 'Bad content';
  return '';
}

export interface OracleRow {
  address: string;
  status: 'listed' | 'excluded';
  reason: Rule | null;
  subType: string;
  events: number;
  lastChange: number;
  lastDiagnostic: string;
}

export interface OracleInput {
  events: readonly TestEvent[];
  exclusions: readonly { address: string; clearedAt: Date; note: string | null }[];
  settings: OracleSettings;
  now: Date;
  retentionDays: number;
}

interface Evaluated {
  reason: Rule | null;
  subType: string;
  events: number;
  last: number;
  diagnostic: string;
}

const later = (a: TestEvent, b: TestEvent) =>
  a.time.getTime() !== b.time.getTime() ? a.time.getTime() > b.time.getTime() : a.id > b.id;

function evaluate(events: TestEvent[], settings: OracleSettings, now: number): Evaluated {
  const enabled = (rule: Rule) => LOCKED.has(rule) || settings[rule as keyof OracleSettings].enabled;
  const fires = (rule: Rule) => {
    const matching = events.filter((e) => qualifies(rule, e));
    if (LOCKED.has(rule)) return matching.length > 0;
    const s = settings[rule as keyof OracleSettings];
    return (
      s.enabled && matching.filter((e) => e.time.getTime() >= now - s.window_days * DAY).length >= s.events
    );
  };
  const reason = PRIORITY.find(fires) ?? null;
  const latestOf = (list: TestEvent[]) =>
    list.reduce<TestEvent | undefined>((a, e) => (!a || later(e, a) ? e : a), undefined);
  const qualifying = events.filter((e) => PRIORITY.some((rule) => enabled(rule) && qualifies(rule, e)));
  const latest = latestOf(qualifying);
  let subType = '';
  if (reason === 'permanent_bounce')
    subType = latestOf(events.filter((e) => qualifies('permanent_bounce', e)))?.bounceSubType ?? '';
  if (reason === 'complaint')
    subType = latestOf(events.filter((e) => qualifies('complaint', e)))?.feedbackType ?? 'abuse';
  return {
    reason,
    subType,
    events: qualifying.length,
    last: latest?.time.getTime() ?? 0,
    diagnostic: latest ? diagnosticOf(latest) : '',
  };
}

/** Every row of the list with Status: All, keyed by address. */
export function oracleList(input: OracleInput): Map<string, OracleRow> {
  const now = input.now.getTime();
  const from = now - input.retentionDays * DAY;
  const unique = new Map<string, TestEvent>();
  for (const e of input.events) unique.set(`${e.id}|${e.recipient.toLowerCase()}`, e);
  const byAddress = new Map<string, TestEvent[]>();
  for (const e of unique.values()) {
    const t = e.time.getTime();
    if (t < from || t > now) continue;
    const address = e.recipient.toLowerCase();
    byAddress.set(address, [...(byAddress.get(address) ?? []), e]);
  }
  const exclusions = new Map(input.exclusions.map((x) => [x.address, x]));
  const rows = new Map<string, OracleRow>();
  const addresses = new Set([...byAddress.keys(), ...exclusions.keys()]);
  for (const address of addresses) {
    const evaluated = evaluate(byAddress.get(address) ?? [], input.settings, now);
    const exclusion = exclusions.get(address);
    const cleared = exclusion?.clearedAt.getTime();
    const overridden = evaluated.reason !== null && cleared !== undefined && evaluated.last > cleared;
    const excluded = exclusion !== undefined && !overridden;
    if (!excluded && evaluated.reason === null) continue;
    rows.set(address, {
      address,
      status: excluded ? 'excluded' : 'listed',
      reason: evaluated.reason,
      subType: evaluated.subType,
      events: evaluated.events,
      lastChange: excluded ? (cleared as number) : evaluated.last,
      lastDiagnostic: excluded && exclusion.note ? exclusion.note : evaluated.diagnostic,
    });
  }
  return rows;
}

export interface OraclePreview {
  currentSize: number;
  candidateSize: number;
  added: number;
  removed: number;
  breakdown: Record<string, number>;
  sampleAdditions: { address: string; reason: string; events: number }[];
}

export function oraclePreview(
  input: Omit<OracleInput, 'settings'> & { current: OracleSettings; candidate: OracleSettings },
): OraclePreview {
  const listed = (settings: OracleSettings) =>
    new Map(
      [...oracleList({ ...input, settings }).values()]
        .filter((r) => r.status === 'listed')
        .map((r) => [r.address, r]),
    );
  const current = listed(input.current);
  const candidate = listed(input.candidate);
  const breakdown: Record<string, number> = Object.fromEntries(PRIORITY.map((r) => [r, 0]));
  for (const row of candidate.values())
    breakdown[row.reason as string] = (breakdown[row.reason as string] ?? 0) + 1;
  const additions = [...candidate.values()].filter((r) => !current.has(r.address));
  additions.sort((a, b) => b.events - a.events || (a.address < b.address ? -1 : 1));
  return {
    currentSize: current.size,
    candidateSize: candidate.size,
    added: additions.length,
    removed: [...current.keys()].filter((a) => !candidate.has(a)).length,
    breakdown,
    sampleAdditions: additions
      .slice(0, 10)
      .map((r) => ({ address: r.address, reason: r.reason as string, events: r.events })),
  };
}
