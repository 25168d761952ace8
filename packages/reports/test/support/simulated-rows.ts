import { randomUUID } from 'node:crypto';
import {
  DEFAULT_TEMPLATE_TAG_NAMES,
  type EventRow,
  type SesEventEnvelope,
  toEventRows,
} from '@sendops/ses-events';
import type { SimulatedMessage } from '@sendops/simulator';

export interface SimulatedRowsOptions {
  organizationId: string;
  /** Channel id per configuration set; a set seen for the first time gets a new id here. */
  channels: Map<string, string>;
  /** Events at or after this instant (ms) have not happened yet and are left out. */
  before: number;
  /** What goes into `raw`; default nothing (reports never read it). */
  raw?: (envelope: SimulatedMessage['events'][number]['envelope']) => string;
}

/** The rows the ingest would store for these simulated messages, through its own `toEventRows`. */
export function simulatedRows(messages: SimulatedMessage[], options: SimulatedRowsOptions): EventRow[] {
  const out: EventRow[] = [];
  for (const message of messages) {
    let channelId = options.channels.get(message.configurationSet);
    if (channelId === undefined) {
      channelId = randomUUID();
      options.channels.set(message.configurationSet, channelId);
    }
    for (const event of message.events) {
      if (event.time >= options.before) continue;
      out.push(
        ...toEventRows(event.envelope as unknown as SesEventEnvelope, {
          organizationId: options.organizationId,
          sendingIdentity: message.sendingIdentity,
          channelId,
          templateTagNames: DEFAULT_TEMPLATE_TAG_NAMES,
          retentionDays: 400,
          ingestedAt: event.envelope.time,
          raw: options.raw?.(event.envelope) ?? '',
        }),
      );
    }
  }
  return out;
}
