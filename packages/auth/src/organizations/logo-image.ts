import { createHash } from 'node:crypto';
import { DomainError, type OrganizationLogo } from '@sendops/db';

/** team/account-settings: "a maximum file size of 2 MB". */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;

export type LogoContentType = OrganizationLogo['content_type'];

export const LOGO_CONTENT_TYPES: readonly LogoContentType[] = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/**
 * The image type read from the file's own signature (magic bytes), never from what the client
 * declares: a mislabelled or hostile file is refused instead of being served under an image type.
 */
export function detectLogoType(bytes: Uint8Array): LogoContentType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // GIF87a / GIF89a
  if (
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) &&
    (bytes[4] === 0x37 || bytes[4] === 0x39) &&
    bytes[5] === 0x61
  )
    return 'image/gif';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return null;
}

export interface CheckedLogo {
  contentType: LogoContentType;
  sha256: string;
  size: number;
}

/** Validates an uploaded logo: a PNG, JPEG, WebP or GIF of at most 2 MB. */
export function checkLogoImage(bytes: Uint8Array): CheckedLogo {
  if (bytes.length === 0) throw new DomainError('invalid', 'the logo file is empty');
  if (bytes.length > LOGO_MAX_BYTES) throw new DomainError('invalid', 'the logo must be at most 2 MB');
  const contentType = detectLogoType(bytes);
  if (!contentType) throw new DomainError('invalid', 'the logo must be a PNG, JPEG, WebP or GIF image');
  return { contentType, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

/** The logo's dashboard URL; the hash makes a replaced logo a new URL, so caches never show the old one. */
export function organizationLogoUrl(slug: string, sha256: string | null | undefined): string | null {
  return sha256 ? `/api/orgs/${encodeURIComponent(slug)}/logo?v=${sha256.slice(0, 16)}` : null;
}
