import { RECIPIENT_DOMAINS, type RecipientDomain } from './mailbox-providers.ts';
import { hash32, type Random, WeightedPicker } from './random.ts';

const FIRST = [
  'anna',
  'ben',
  'chloe',
  'david',
  'emma',
  'felix',
  'hana',
  'ivan',
  'jun',
  'kenji',
  'lea',
  'lucas',
  'maria',
  'mohammed',
  'nina',
  'oliver',
  'priya',
  'rahul',
  'sofia',
  'tom',
  'wei',
  'yuki',
  'zoe',
  'jose',
  'lukas',
  'marta',
  'pierre',
  'giulia',
  'jakub',
  'minjun',
  'seoyeon',
  'olga',
  'dmitri',
  'aisha',
  'carlos',
  'ines',
  'noah',
  'mia',
  'elif',
  'arjun',
  'sara',
  'liam',
  'chen',
  'amelie',
  'jonas',
  'fatima',
  'kofi',
  'ana',
  'erik',
  'haruto',
];
const LAST = [
  'smith',
  'muller',
  'garcia',
  'rossi',
  'dubois',
  'kowalski',
  'novak',
  'ivanov',
  'kim',
  'lee',
  'tanaka',
  'sato',
  'wang',
  'li',
  'zhang',
  'patel',
  'singh',
  'silva',
  'jensen',
  'nielsen',
  'brown',
  'martin',
  'schmidt',
  'fischer',
  'lopez',
  'moreau',
  'bianchi',
  'petrov',
  'park',
  'chen',
  'okafor',
  'yilmaz',
  'nguyen',
  'haddad',
  'kaur',
  'weber',
];

/** One recipient of a simulated organization. */
export interface Recipient {
  address: string;
  domain: RecipientDomain;
}

/**
 * A fixed audience per organization: recipient `i` is always the same address, so the same people get
 * mail again and again (per-address history, repeat bounces) without storing anything.
 */
export class RecipientPopulation {
  readonly size: number;
  readonly #salt: number;
  readonly #domains: WeightedPicker<RecipientDomain>;

  constructor(salt: number, size: number, audience: Readonly<Record<string, number>> = {}) {
    this.size = Math.max(1, Math.floor(size));
    this.#salt = salt;
    this.#domains = new WeightedPicker(
      RECIPIENT_DOMAINS.map((entry) => [entry, entry.weight * (audience[entry.domain] ?? 1)]),
    );
  }

  /** A random member of the audience. */
  draw(random: Random): Recipient {
    return this.at(random.int(this.size));
  }

  at(index: number): Recipient {
    const h1 = hash32(index, this.#salt);
    const h2 = hash32(h1, index);
    const domain = this.#domains.at(h1 / 4294967296);
    return { address: `${localPart(domain, h2, index)}@${domain.domain}`, domain };
  }
}

function localPart(domain: RecipientDomain, h: number, index: number): string {
  const first = FIRST[h % FIRST.length] as string;
  const last = LAST[(h >>> 8) % LAST.length] as string;
  const n = (h >>> 16) % 1000;
  if (domain.localStyle === 'numeric') return String(10_000_000 + ((h ^ index) % 2_000_000_000));
  if (domain.company) return (h >>> 28) % 3 === 0 ? `${first[0]}${last}` : `${first}.${last}`;
  switch ((h >>> 26) % (domain.localStyle === 'handle' ? 3 : 6)) {
    case 0:
      return `${first}${last}${n}`;
    case 1:
      return `${first}_${n}`;
    case 2:
      return `${first}${n % 100}`;
    case 3:
      return `${first}.${last}`;
    case 4:
      return `${first}.${last}${n % 100}`;
    default:
      return `user${index}`;
  }
}
