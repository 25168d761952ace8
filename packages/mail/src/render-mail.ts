import type { MailLogo, MailMessage } from './mail-message.ts';

const LOGO_CID = 'workspace-logo@sendops';
const LOGO_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export interface MailContent {
  to: string;
  subject: string;
  /** Plain-text paragraphs; escaped for the HTML part. */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print under the action (expiry, why you got this). */
  notes?: string[];
  /** The workspace's logo, shown above the text (team/account-settings); none shows nothing. */
  logo?: { image: MailLogo; alt: string } | null;
}

/** One layout for every SendOps email: a text part and a simple, escaped HTML part with one button. */
export function renderMail(content: MailContent): MailMessage {
  const { action, notes = [], logo } = content;
  const textBlocks = [...content.paragraphs];
  if (action) textBlocks.push(`${action.label}: ${action.url}`);
  textBlocks.push(...notes, '— SendOps');

  const html = [
    '<!doctype html>',
    '<html><body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; color: #1f2937; line-height: 1.5">',
    logo
      ? `<p><img src="cid:${LOGO_CID}" alt="${escapeHtml(logo.alt)}" style="max-height: 48px; max-width: 200px"></p>`
      : '',
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    action
      ? `<p><a href="${escapeHtml(action.url)}" style="display: inline-block; padding: 10px 16px; background: #2563eb; color: #ffffff; text-decoration: none; border-radius: 6px">${escapeHtml(action.label)}</a></p>` +
        `<p style="font-size: 13px; color: #6b7280">Or open this link: ${escapeHtml(action.url)}</p>`
      : '',
    ...notes.map((n) => `<p style="font-size: 13px; color: #6b7280">${escapeHtml(n)}</p>`),
    '<p style="font-size: 13px; color: #6b7280">— SendOps</p>',
    '</body></html>',
  ]
    .filter((line) => line !== '')
    .join('\n');

  return {
    to: content.to,
    subject: content.subject,
    text: `${textBlocks.join('\n\n')}\n`,
    html,
    links: action ? [action.url] : [],
    ...(logo
      ? {
          attachments: [
            {
              filename: `logo.${LOGO_EXTENSIONS[logo.image.contentType] ?? 'img'}`,
              contentType: logo.image.contentType,
              content: logo.image.content,
              cid: LOGO_CID,
            },
          ],
        }
      : {}),
  };
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** An absolute dashboard URL: `publicUrl` (no trailing slash needed) plus a path of already-encoded segments. */
export function dashboardUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/** Times in emails are UTC and unambiguous: `2026-11-30 16:00 UTC`. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface Person {
  name: string;
  email: string;
}

export function describePerson(person: Person): string {
  return person.name && person.name !== person.email ? `${person.name} (${person.email})` : person.email;
}
