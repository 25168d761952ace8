/**
 * Mailbox provider table: recipient domain -> canonical provider name, so alias and regional
 * domains collapse under one name in deliverability reports. Display names follow the spec
 * (reports/deliverability-reports.md). Unknown domains are reported as the raw domain.
 *
 * To add a provider, add a row: `domains` are exact matches; `labels` match `<label>.<suffix>` for
 * every suffix in `suffixes` (the regional variants, e.g. hotmail.co.uk, yahoo.co.jp).
 */
interface ProviderRule {
  readonly name: string;
  readonly domains?: readonly string[];
  readonly labels?: readonly string[];
  readonly suffixes?: readonly string[];
}

/** Country and regional suffixes the big webmail brands register their mail domains under. */
const REGIONAL_SUFFIXES = [
  'com',
  'co.uk',
  'ie',
  'fr',
  'de',
  'at',
  'ch',
  'be',
  'nl',
  'lu',
  'it',
  'es',
  'pt',
  'dk',
  'se',
  'no',
  'fi',
  'is',
  'pl',
  'cz',
  'sk',
  'hu',
  'ro',
  'bg',
  'gr',
  'lt',
  'lv',
  'ee',
  'ru',
  'com.tr',
  'co.il',
  'ae',
  'sa',
  'com.sa',
  'co.za',
  'ca',
  'com.mx',
  'com.br',
  'com.ar',
  'cl',
  'com.co',
  'com.pe',
  'com.ve',
  'jp',
  'co.jp',
  'co.kr',
  'cn',
  'com.cn',
  'com.hk',
  'com.tw',
  'tw',
  'com.sg',
  'sg',
  'com.my',
  'com.ph',
  'ph',
  'co.id',
  'co.th',
  'com.vn',
  'in',
  'co.in',
  'com.au',
  'co.nz',
] as const;

export const PROVIDER_RULES: readonly ProviderRule[] = [
  { name: 'Gmail', domains: ['gmail.com', 'googlemail.com'] },
  {
    name: 'Microsoft',
    domains: ['windowslive.com'],
    labels: ['outlook', 'hotmail', 'live', 'msn'],
    suffixes: REGIONAL_SUFFIXES,
  },
  { name: 'Yahoo', domains: ['ymail.com', 'rocketmail.com'], labels: ['yahoo'], suffixes: REGIONAL_SUFFIXES },
  { name: 'Apple', domains: ['icloud.com', 'me.com', 'mac.com'] },
  { name: 'AOL', domains: ['aim.com'], labels: ['aol'], suffixes: REGIONAL_SUFFIXES },
  { name: 'Free.fr', domains: ['free.fr'] },
  { name: 'Orange', domains: ['orange.fr', 'wanadoo.fr'] },
  {
    name: 'GMX',
    labels: ['gmx'],
    suffixes: ['de', 'net', 'at', 'ch', 'com', 'fr', 'es', 'it', 'co.uk', 'us'],
  },
  { name: 'Web.de', domains: ['web.de'] },
  {
    name: 'Yandex',
    domains: ['ya.ru', 'narod.ru'],
    labels: ['yandex'],
    suffixes: ['ru', 'com', 'ua', 'by', 'kz', 'com.tr'],
  },
  { name: 'Mail.ru', domains: ['mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'internet.ru'] },
  { name: 'Libero', domains: ['libero.it', 'inwind.it', 'iol.it', 'blu.it'] },
  { name: 'Seznam', domains: ['seznam.cz', 'email.cz', 'post.cz'] },
  { name: 'Naver', domains: ['naver.com'] },
  { name: 'QQ', domains: ['qq.com', 'vip.qq.com', 'foxmail.com'] },
  { name: 'NetEase', domains: ['163.com', '126.com', 'yeah.net', 'vip.163.com', 'vip.126.com', '188.com'] },
  { name: 'Sina', domains: ['sina.com', 'sina.cn', 'sina.com.cn', 'vip.sina.com'] },
  { name: 'Daum', domains: ['daum.net', 'hanmail.net'] },
  { name: 'Rediff', domains: ['rediffmail.com'] },
];

/** Canonical provider names, in table order. */
export const KNOWN_PROVIDERS: readonly string[] = PROVIDER_RULES.map((rule) => rule.name);

// Lookup tables built once from the rules: a domain costs one or two Map lookups.
const byDomain = new Map<string, string>();
const byLabel = new Map<string, { name: string; suffixes: ReadonlySet<string> }>();
for (const rule of PROVIDER_RULES) {
  for (const domain of rule.domains ?? []) byDomain.set(domain, rule.name);
  const suffixes: ReadonlySet<string> = new Set(rule.suffixes ?? []);
  for (const label of rule.labels ?? []) byLabel.set(label, { name: rule.name, suffixes });
}

/** Canonical provider for a recipient domain (case-insensitive), or the lower-cased domain itself. */
export function providerForDomain(domain: string): string {
  let normalized = domain.trim().toLowerCase();
  while (normalized.endsWith('.')) normalized = normalized.slice(0, -1);
  const exact = byDomain.get(normalized);
  if (exact !== undefined) return exact;
  const dot = normalized.indexOf('.');
  if (dot > 0) {
    const rule = byLabel.get(normalized.slice(0, dot));
    if (rule?.suffixes.has(normalized.slice(dot + 1))) return rule.name;
  }
  return normalized;
}
