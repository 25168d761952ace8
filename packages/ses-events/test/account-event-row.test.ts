import { describe, expect, it } from 'vitest';
import { toAccountEventRow } from '../src/index.ts';
import { fixtureBody, fixtureText, parseAccount } from './helpers.ts';

describe('toAccountEventRow', () => {
  it('turns the documented Sending Status Disabled event into a row', () => {
    const raw = fixtureText('sending-status-disabled');
    const row = toAccountEventRow(parseAccount(raw), {
      organizationId: 'org-9',
      ingestedAt: '2025-07-24T12:45:00Z',
      raw,
    });
    expect(row).toEqual({
      organization_id: 'org-9',
      event_id: '0b7e1a52-6f3d-4c1e-9a1f-2d6c1b0e0012',
      detail_type: 'Sending Status Disabled',
      event_time: '2025-07-24 12:44:28.000',
      aws_account_id: '012345678901',
      aws_region: 'us-east-1',
      detail: JSON.stringify(fixtureBody('sending-status-disabled').detail),
      raw,
      ingested_at: '2025-07-24 12:45:00.000',
    });
    expect(JSON.parse(row.detail).data.record.status).toBe('DISABLED');
  });

  it('keeps the advisor recommendation detail verbatim', () => {
    const envelope = parseAccount(fixtureBody('advisor-recommendation-status-open'));
    const row = toAccountEventRow(envelope, {
      organizationId: 'o',
      ingestedAt: '2023-11-15 17:01:00.000',
      raw: '',
    });
    expect(row.detail_type).toBe('Advisor Recommendation Status Open');
    expect(JSON.parse(row.detail)).toEqual({
      version: '1.0.0',
      data: 'The bounce rate exceeded 15.0% based on a representative volume of 197 emails from July 11, 2025 at 14:43 (UTC) to July 11, 2025 at 16:13 (UTC).',
      metadata: { impact: 'HIGH', type: 'BOUNCE' },
    });
    expect(row.ingested_at).toBe('2023-11-15 17:01:00.000');
  });
});
