import {
  configurationSetOf,
  encodeEventRows,
  parseEventBridgeBody,
  toAccountEventRow,
  toClickhouseTime,
} from '@sendops/ses-events';
import { IngestError } from '../errors.ts';
import type { EncodedRecord } from '../spool/segment-format.ts';
import type { Spool } from '../spool/spool.ts';
import type { OrganizationAuth } from './control-plane.ts';
import type { DedupeWindow } from './dedupe-window.ts';
import type { IdentityDirectory } from './identity-directory.ts';

export type IngestResult =
  | { outcome: 'accepted'; eventId: string; rows: number }
  | { outcome: 'duplicate'; eventId: string }
  | { outcome: 'dropped_unmanaged'; eventId: string };

export interface PipelineDeps {
  spool: Spool;
  identities: IdentityDirectory;
  dedupe: DedupeWindow;
}

/**
 * parse -> (account event | managed-identity filter -> channel -> enrich + fan out) -> dedupe -> spool.
 * Resolves once the event is durable; throws IngestError for bodies that can never succeed, after
 * keeping them in the dead-letter table.
 */
export class EventPipeline {
  private readonly deps: PipelineDeps;

  private clock = { ms: 0, text: '' };

  constructor(deps: PipelineDeps) {
    this.deps = deps;
  }

  /** The ingest time as ClickHouse text, formatted once per millisecond rather than per request. */
  private now(): string {
    const ms = Date.now();
    if (ms !== this.clock.ms) this.clock = { ms, text: toClickhouseTime(ms) };
    return this.clock.text;
  }

  /**
   * `raw` is the body's text; `rawBytes`, when given, its exact UTF-8 bytes (the request body, valid
   * UTF-8), which the stored rows then copy instead of encoding the text again.
   */
  async ingest(auth: OrganizationAuth, raw: string, rawBytes?: Uint8Array): Promise<IngestResult> {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (error) {
      return this.reject(auth, raw, 'invalid_json', `body is not JSON: ${(error as Error).message}`);
    }
    const parsed = parseEventBridgeBody(body);
    if (parsed.kind === 'invalid')
      return this.reject(auth, raw, parsed.reason, parsed.message, parsed.eventId);

    const ingestedAt = this.now();
    const { organizationId } = auth;
    const eventId = parsed.envelope.id;
    const key = `${organizationId}:${eventId}`;

    let record: EncodedRecord;
    if (parsed.kind === 'account_event') {
      const row = toAccountEventRow(parsed.envelope, { organizationId, ingestedAt, raw });
      record = { t: 'account', rows: 1, pieces: [JSON.stringify(row)] };
    } else {
      const { mail } = parsed.envelope.detail;
      const directory =
        this.deps.identities.cached(organizationId) ??
        (await this.deps.identities.forOrganization(organizationId));
      const match = directory.matchMail(mail);
      if (!match) return { outcome: 'dropped_unmanaged', eventId };
      // Straight to the JSONEachRow text the spool stores: the same rows as toEventRows, no row objects.
      const encoded = encodeEventRows(
        parsed.envelope,
        {
          organizationId,
          sendingIdentity: match.identity,
          channelId: directory.resolveChannel(configurationSetOf(mail), match),
          templateTagNames: auth.templateTagNames,
          retentionDays: auth.retentionDays,
          ingestedAt,
          raw,
        },
        rawBytes,
      );
      record = { t: 'events', rows: encoded.rows, pieces: encoded.pieces };
    }

    // The look-up and the claim happen in one synchronous step, so concurrent deliveries cannot both
    // append.
    if (this.deps.dedupe.get(key) === undefined) {
      const written = this.deps.spool.appendEncoded(record);
      this.deps.dedupe.track(key, written);
      await written;
      return { outcome: 'accepted', eventId, rows: record.rows };
    }
    if ((await this.appendOnce(key, record)) === 'duplicate') return { outcome: 'duplicate', eventId };
    return { outcome: 'accepted', eventId, rows: record.rows };
  }

  /**
   * Appends unless this event was delivered recently. A delivery that finds the first one still in
   * flight waits for it, and takes over if it failed.
   */
  private async appendOnce(key: string, record: EncodedRecord): Promise<'accepted' | 'duplicate'> {
    for (;;) {
      const first = this.deps.dedupe.get(key);
      if (!first) {
        const written = this.deps.spool.appendEncoded(record);
        this.deps.dedupe.track(key, written);
        await written;
        return 'accepted';
      }
      try {
        await first;
        return 'duplicate';
      } catch {
        // The first delivery was not stored; DedupeWindow forgot it, so the next turn claims it.
      }
    }
  }

  private async reject(
    auth: OrganizationAuth,
    raw: string,
    code: 'invalid_json' | 'not_eventbridge' | 'not_ses' | 'schema',
    message: string,
    eventId = '',
  ): Promise<never> {
    await this.deps.spool.append({
      t: 'dead',
      row: {
        organization_id: auth.organizationId,
        received_at: this.now(),
        reason: code,
        error: message,
        event_id: eventId,
        body: raw,
      },
    });
    throw new IngestError(code, 400, message);
  }
}
