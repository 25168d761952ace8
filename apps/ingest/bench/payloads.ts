// Realistic SES EventBridge envelopes for the benchmark, as JSON bodies whose EventBridge `id` (a 36-char
// UUID) sits at a known offset, so every request can carry a fresh id without re-serializing.
import { randomUUID } from 'node:crypto';

export interface BenchChannel {
  name: string;
  configurationSet: string;
  purpose: string;
  isDefault: boolean;
}

/** What the ingest child provisions in Postgres so that every pooled event is accepted. */
export interface BenchOrganization {
  identities: string[];
  channels: BenchChannel[];
}

export interface BodyPool {
  source: 'simulator' | 'aws-fixtures';
  bodies: Buffer[];
  idOffsets: number[];
  detailTypes: Record<string, number>;
  averageBytes: number;
  organization: BenchOrganization;
  /** Index of the first body of each detail type, for the preflight check. */
  firstOfType: Record<string, number>;
}

export const UUID_LENGTH = 36;

interface Envelope {
  id: string;
  'detail-type': string;
}

/** The simulator (packages/simulator) if it loads, else the AWS-documented fixtures. */
export async function buildBodyPool(size: number): Promise<BodyPool> {
  try {
    return await simulatorPool(size);
  } catch (error) {
    console.warn(`simulator unavailable (${(error as Error).message}); using the AWS-documented fixtures`);
    return fixturePool(size);
  }
}

async function simulatorPool(size: number): Promise<BodyPool> {
  const simulator = await import('@sendops/simulator');
  const org = simulator.DEMO_ORGANIZATION;
  const now = Date.now();
  // Sends during the last hour: nearly all their follow-ups (deliveries, opens, bounces) already happened.
  const envelopes = simulator
    .generateEnvelopes({
      organizations: [org],
      messages: Math.ceil(size / 2),
      start: now - 3_600_000,
      end: now,
      diurnal: false,
      seed: 2026,
    })
    .slice(0, size);
  if (envelopes.length === 0) throw new Error('the simulator generated no events');
  const organization: BenchOrganization = {
    identities: [...org.domains],
    channels: org.channels.map((c) => ({
      name: c.name,
      configurationSet: c.configurationSet,
      purpose: c.purpose,
      isDefault: c.isDefault ?? false,
    })),
  };
  return assemble(
    'simulator',
    envelopes.map((e) => ({ envelope: e, json: simulator.envelopeJson(e) })),
    organization,
  );
}

async function fixturePool(size: number): Promise<BodyPool> {
  const { loadSesFixture } = await import('@sendops/ses-events/testing');
  const names = [
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
  ] as const;
  const now = Date.now();
  const items = Array.from({ length: size }, (_, i) => {
    const event = loadSesFixture(names[i % names.length]!);
    event.id = randomUUID();
    event.time = new Date(now).toISOString();
    if (event.detail?.mail) event.detail.mail.timestamp = new Date(now - 2_000).toISOString();
    return { envelope: event as unknown as Envelope, json: JSON.stringify(event) };
  });
  return assemble('aws-fixtures', items, { identities: ['example.com'], channels: [] });
}

function assemble(
  source: BodyPool['source'],
  items: { envelope: Envelope; json: string }[],
  organization: BenchOrganization,
): BodyPool {
  const bodies: Buffer[] = [];
  const idOffsets: number[] = [];
  const detailTypes: Record<string, number> = {};
  const firstOfType: Record<string, number> = {};
  let bytes = 0;
  for (const { envelope, json } of items) {
    const marker = `"id":"${envelope.id}"`;
    const at = json.indexOf(marker);
    if (envelope.id.length !== UUID_LENGTH || at < 0)
      throw new Error(`envelope id is not a UUID: ${envelope.id}`);
    const body = Buffer.from(json);
    // Byte offset: everything before the id is ASCII in practice, but do not rely on it.
    idOffsets.push(Buffer.byteLength(json.slice(0, at + 6)));
    bodies.push(body);
    bytes += body.length;
    const type = envelope['detail-type'];
    detailTypes[type] = (detailTypes[type] ?? 0) + 1;
    firstOfType[type] ??= bodies.length - 1;
  }
  return {
    source,
    bodies,
    idOffsets,
    detailTypes,
    averageBytes: Math.round(bytes / bodies.length),
    organization,
    firstOfType,
  };
}

/** A copy of pooled body `index` with a new EventBridge id. */
export function freshBody(pool: BodyPool, index: number): Buffer {
  const template = pool.bodies[index]!;
  const body = Buffer.allocUnsafe(template.length);
  template.copy(body);
  body.write(randomUUID(), pool.idOffsets[index]!, 'latin1');
  return body;
}
