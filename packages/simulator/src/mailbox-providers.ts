/**
 * Recipient domains and how their mail servers behave. Weights approximate a global B2C sender's list
 * (Gmail about a third, then Microsoft, Yahoo, Apple; a European and an APAC long tail; ~12% company
 * domains, themselves hosted on Google Workspace, Microsoft 365 or their own Postfix).
 */

/** The MTA software answering for a domain: decides SMTP replies, bounce texts and image proxies. */
export type MtaStyle =
  | 'gmail'
  | 'outlook'
  | 'yahoo'
  | 'apple'
  | 'postfix'
  | 'exim'
  | 'mailru'
  | 'yandex'
  | 'qq';

/** Who opens images for the recipient: drives Open user agents and IPs. */
export type OpenClient = 'gmail' | 'yahoo' | 'apple' | 'outlook' | 'webmail' | 'corporate';

export interface RecipientDomain {
  domain: string;
  weight: number;
  mta: MtaStyle;
  client: OpenClient;
  /** Local-part habits: names, numeric ids (qq.com), or name+digits. */
  localStyle: 'name' | 'numeric' | 'handle';
  /** Company domains: B2B recipients, link scanners, multi-recipient mail. */
  company?: boolean;
}

const d = (
  domain: string,
  weight: number,
  mta: MtaStyle,
  client: OpenClient,
  localStyle: RecipientDomain['localStyle'] = 'name',
  company = false,
): RecipientDomain =>
  company
    ? { domain, weight, mta, client, localStyle, company }
    : { domain, weight, mta, client, localStyle };

export const RECIPIENT_DOMAINS: readonly RecipientDomain[] = [
  d('gmail.com', 30, 'gmail', 'gmail'),
  d('googlemail.com', 0.8, 'gmail', 'gmail'),
  d('outlook.com', 6, 'outlook', 'outlook'),
  d('hotmail.com', 5, 'outlook', 'outlook'),
  d('hotmail.co.uk', 1.2, 'outlook', 'outlook'),
  d('live.com', 1.8, 'outlook', 'outlook'),
  d('msn.com', 0.4, 'outlook', 'outlook'),
  d('yahoo.com', 6.5, 'yahoo', 'yahoo'),
  d('yahoo.co.uk', 0.6, 'yahoo', 'yahoo'),
  d('yahoo.co.jp', 1, 'yahoo', 'webmail', 'handle'),
  d('aol.com', 1.4, 'yahoo', 'yahoo'),
  d('icloud.com', 5.5, 'apple', 'apple'),
  d('me.com', 1.3, 'apple', 'apple'),
  d('mac.com', 0.3, 'apple', 'apple'),
  d('free.fr', 0.9, 'postfix', 'webmail'),
  d('orange.fr', 0.9, 'postfix', 'webmail'),
  d('gmx.de', 1.3, 'exim', 'webmail'),
  d('web.de', 1.3, 'exim', 'webmail'),
  d('yandex.ru', 0.9, 'yandex', 'webmail', 'handle'),
  d('mail.ru', 0.9, 'mailru', 'webmail', 'handle'),
  d('libero.it', 0.5, 'postfix', 'webmail'),
  d('seznam.cz', 0.4, 'postfix', 'webmail'),
  d('naver.com', 0.6, 'postfix', 'webmail', 'handle'),
  d('qq.com', 1.2, 'qq', 'webmail', 'numeric'),
  d('163.com', 0.7, 'qq', 'webmail', 'handle'),
  d('sina.com', 0.3, 'qq', 'webmail', 'handle'),
  d('daum.net', 0.3, 'postfix', 'webmail', 'handle'),
  d('rediffmail.com', 0.3, 'postfix', 'webmail', 'handle'),
  d('northwindtraders.com', 1.6, 'outlook', 'corporate', 'name', true),
  d('contoso.com', 1.4, 'outlook', 'corporate', 'name', true),
  d('fabrikam.io', 1.1, 'gmail', 'corporate', 'name', true),
  d('tailspin-toys.co.uk', 0.9, 'outlook', 'corporate', 'name', true),
  d('wingtiptoys.de', 0.8, 'postfix', 'corporate', 'name', true),
  d('adventure-works.fr', 0.8, 'gmail', 'corporate', 'name', true),
  d('litware.jp', 0.6, 'outlook', 'corporate', 'name', true),
  d('proseware.net', 0.7, 'postfix', 'corporate', 'name', true),
  d('woodgrovebank.com', 0.9, 'outlook', 'corporate', 'name', true),
  d('alpineski.ch', 0.5, 'postfix', 'corporate', 'name', true),
  d('coho-winery.com.au', 0.5, 'gmail', 'corporate', 'name', true),
  d('lucernepublishing.ca', 0.5, 'gmail', 'corporate', 'name', true),
];

const byDomain = new Map(RECIPIENT_DOMAINS.map((entry) => [entry.domain, entry]));

/** Behaviour of any domain, including ones outside the list (treated as a company on Postfix). */
export function recipientDomain(domain: string): RecipientDomain {
  return (
    byDomain.get(domain) ?? {
      domain,
      weight: 0,
      mta: 'postfix',
      client: 'corporate',
      localStyle: 'name',
      company: true,
    }
  );
}

/** Receiving MX hosts (remoteMtaIp) per MTA style: first three octets; the last is drawn. */
export const MX_IP_PREFIXES: Record<MtaStyle, readonly string[]> = {
  gmail: ['142.250.27', '142.251.5', '173.194.76', '64.233.184', '74.125.206'],
  outlook: ['52.101.41', '52.101.68', '104.47.18', '40.93.207'],
  yahoo: ['67.195.204', '98.136.96', '66.218.85'],
  apple: ['17.57.155', '17.42.251', '17.56.9'],
  postfix: ['212.27.48', '193.252.22', '213.209.1', '77.75.78', '125.209.238'],
  exim: ['212.227.17', '212.227.15', '213.165.67'],
  mailru: ['217.69.139', '94.100.180'],
  yandex: ['77.88.21', '213.180.204'],
  qq: ['183.3.255', '220.181.15', '123.126.97'],
};
