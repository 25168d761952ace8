import { addChannel } from '@sendops/db';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine, sendCsv, toReportFilter } from '../src/routes/report-query.ts';
import { call, type Harness, startHarness } from './support/api-harness.ts';
import { addMember, type OrgFixture, orgWithOwner } from './support/org-fixtures.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const NOW = new Date('2026-11-23T12:00:00Z');

describe('toReportFilter', () => {
  it('defaults to the 30 days before now in UTC', () => {
    expect(toReportFilter({}, ORG, NOW)).toEqual({
      organizationId: ORG,
      from: new Date('2026-10-24T12:00:00Z'),
      to: NOW,
      timezone: 'UTC',
      channelId: undefined,
    });
  });

  it('reads bare dates as midnight in the time zone, instants as given', () => {
    const filter = toReportFilter(
      { from: '2026-03-29', to: '2026-03-30T00:00:00+02:00', tz: 'Europe/Berlin' },
      ORG,
      NOW,
    );
    expect(filter.from.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(filter.to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const ny = toReportFilter({ from: '2026-11-01', to: '2026-11-02', tz: 'America/New_York' }, ORG, NOW);
    expect(ny.from.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(ny.to.toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('refuses unknown zones, empty or reversed ranges, too long ranges, impossible dates', () => {
    const bad = [
      { tz: 'Mars/Olympus' },
      { tz: '+01:00' },
      { from: '2026-11-02', to: '2026-11-02' },
      { from: '2026-11-03', to: '2026-11-02' },
      { from: '2024-01-01', to: '2026-01-01' },
      { from: '2026-02-30', to: '2026-03-02' },
      { from: '2026-12-01', to: '2026-13-01' },
      { from: '2026-11-01T25:00:00Z', to: '2026-11-02' },
      { from: '2026-02-30T00:00:00Z', to: '2026-03-05' },
    ];
    for (const query of bad) {
      expect(() => toReportFilter(query, ORG, NOW), JSON.stringify(query)).toThrowError(
        expect.objectContaining({ code: 'invalid' }),
      );
    }
  });
});

describe('CSV', () => {
  it('escapes per RFC 4180', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3, new Date(0)])).toBe(
      'a,"b,c","say ""hi""","two\nlines",,3,1970-01-01T00:00:00.000Z\r\n',
    );
  });

  it('streams the header then every row as an attachment', async () => {
    const app = Fastify();
    app.get('/x', (_request, reply) => {
      async function* rows() {
        for (let i = 0; i < 5000; i++) yield [i, `row "${i}"`];
      }
      return sendCsv(reply, 'report x', ['n', 'label'], rows());
    });
    const response = await app.inject({ method: 'GET', url: '/x' });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="report-x.csv"');
    const lines = response.body.split('\r\n');
    expect(lines[0]).toBe('n,label');
    expect(lines).toHaveLength(5002);
    expect(lines[4999 + 1]).toBe('4999,"row ""4999"""');
    await app.close();
  });
});

describe('GET /api/orgs/:slug/channels', () => {
  let h: Harness;
  let org: OrgFixture;
  beforeAll(async () => {
    h = await startHarness();
    org = await orgWithOwner(h.app, h.test.db, 'team');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists the channels, default first, to any member holding channels.view', async () => {
    await addChannel(h.test.db, { organizationId: org.id, name: 'Zeta', configurationSet: 'zeta' });
    await addChannel(h.test.db, {
      organizationId: org.id,
      name: 'Transactional',
      configurationSet: 'tx',
      purpose: 'transactional',
      isDefault: true,
    });
    const viewer = await addMember(h.app, h.test.db, org, 'viewer');
    const response = await call(h.app, viewer, 'GET', `/api/orgs/${org.slug}/channels`);
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items.map((c: { name: string }) => c.name)).toEqual(['Transactional', 'Zeta']);
    expect(items[0]).toEqual({
      id: expect.any(String),
      name: 'Transactional',
      configurationSet: 'tx',
      purpose: 'transactional',
      isDefault: true,
    });
    const financial = await addMember(h.app, h.test.db, org, 'financial');
    expect((await call(h.app, financial, 'GET', `/api/orgs/${org.slug}/channels`)).statusCode).toBe(403);
  });
});
