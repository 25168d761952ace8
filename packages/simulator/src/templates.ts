/** The template catalogue simulated organizations send: purpose, sender, subjects and tracked links. */

export type ChannelPurpose = 'default' | 'transactional' | 'marketing' | 'onboarding' | 'custom';

export interface TemplateLink {
  url: string;
  /** SES `linkTags` (from the `ses:tags` attribute on the anchor). */
  tags: Record<string, string[]>;
}

export interface TemplateProfile {
  /** SES template name; also the value of the `sendops-template` message tag. */
  name: string;
  /** Which kind of channel sends it. */
  purpose: ChannelPurpose;
  /** Local part of the From address, e.g. `no-reply`. */
  senderLocalPart: string;
  /** Subject variants; `{n}` becomes a number. Some are non-ASCII on purpose. */
  subjects: readonly string[];
  links: readonly TemplateLink[];
  /** Relative volume within its channel. */
  weight: number;
}

const link = (url: string, id: string, campaign?: string): TemplateLink => ({
  url,
  tags: campaign ? { link: [id], campaign: [campaign] } : { link: [id] },
});

/** Templates every simulated organization has unless its profile says otherwise; `{site}` is its apex domain. */
export const DEFAULT_TEMPLATES: readonly TemplateProfile[] = [
  {
    name: 'password-reset',
    purpose: 'transactional',
    senderLocalPart: 'no-reply',
    subjects: [
      'Reset your password',
      'Your password reset link',
      'Réinitialisation de votre mot de passe',
      'Passwort zurücksetzen',
      'パスワードの再設定',
    ],
    links: [link('https://app.{site}/reset-password', 'reset')],
    weight: 30,
  },
  {
    name: 'invoice',
    purpose: 'transactional',
    senderLocalPart: 'billing',
    subjects: [
      'Your invoice INV-{n} is ready',
      'Receipt for your payment (INV-{n})',
      'Ihre Rechnung INV-{n} – fällig in 14 Tagen',
      'Votre facture INV-{n} est disponible',
    ],
    links: [
      link('https://app.{site}/billing/invoices', 'view-invoice'),
      link('https://app.{site}/billing', 'billing'),
    ],
    weight: 25,
  },
  {
    name: 'order-confirmation',
    purpose: 'transactional',
    senderLocalPart: 'orders',
    subjects: [
      'Order #{n} confirmed',
      'We received your order #{n}',
      'Bestellbestätigung #{n}',
      '注文確認 #{n}',
    ],
    links: [link('https://{site}/orders', 'track-order')],
    weight: 45,
  },
  {
    name: 'weekly-digest',
    purpose: 'marketing',
    senderLocalPart: 'news',
    subjects: [
      'Your weekly digest: 5 things you missed',
      'This week at {brand} 🚀',
      'Cette semaine chez {brand}',
      'Wochenrückblick: Neuigkeiten von {brand}',
      'Еженедельная сводка {brand}',
      '이번 주 {brand} 소식',
    ],
    links: [
      link('https://{site}/blog/weekly', 'headline', 'weekly-digest'),
      link('https://{site}/pricing', 'cta', 'weekly-digest'),
      link('https://{site}/blog', 'more', 'weekly-digest'),
    ],
    weight: 60,
  },
  {
    name: 'product-update',
    purpose: 'marketing',
    senderLocalPart: 'news',
    subjects: [
      "What's new in {brand}",
      'New: faster exports and dark mode ✨',
      'Novità di {brand}: ecco cosa cambia',
    ],
    links: [
      link('https://{site}/changelog', 'changelog', 'product-update'),
      link('https://app.{site}', 'open-app', 'product-update'),
    ],
    weight: 40,
  },
  {
    name: 'welcome',
    purpose: 'onboarding',
    senderLocalPart: 'hello',
    subjects: [
      'Welcome to {brand}!',
      'Welcome aboard 👋 Let’s get you set up',
      'Willkommen bei {brand} – schön, dass du da bist',
      'Bienvenue chez {brand} !',
      '{brand}へようこそ',
      '欢迎加入 {brand}',
    ],
    links: [link('https://app.{site}/getting-started', 'get-started'), link('https://{site}/docs', 'docs')],
    weight: 70,
  },
  {
    name: 'trial-ending',
    purpose: 'onboarding',
    senderLocalPart: 'hello',
    subjects: [
      'Your trial ends in 3 days',
      'Only 3 days left in your {brand} trial',
      'Ihre Testphase endet in 3 Tagen',
    ],
    links: [link('https://app.{site}/billing/upgrade', 'upgrade')],
    weight: 30,
  },
  {
    name: 'account-alert',
    purpose: 'default',
    senderLocalPart: 'notifications',
    subjects: [
      'New sign-in to your account',
      'Security alert: new device signed in',
      'Nuova connessione al tuo account',
    ],
    links: [link('https://app.{site}/settings/security', 'review')],
    weight: 100,
  },
];

/** Share of each purpose in an organization's volume (before template weights). */
export const PURPOSE_VOLUME: Record<ChannelPurpose, number> = {
  transactional: 45,
  marketing: 30,
  default: 15,
  onboarding: 10,
  custom: 10,
};

/** The spec's channel defaults: transactional mail runs with engagement tracking off. */
export const PURPOSE_TRACKING: Record<ChannelPurpose, boolean> = {
  transactional: false,
  marketing: true,
  default: true,
  onboarding: true,
  custom: true,
};

/** A configuration set's purpose from its name (`sesmail-marketing` → marketing). */
export function purposeFromName(name: string): ChannelPurpose {
  const lower = name.toLowerCase();
  for (const purpose of ['transactional', 'marketing', 'onboarding', 'default'] as const) {
    if (lower.includes(purpose)) return purpose;
  }
  return 'custom';
}
