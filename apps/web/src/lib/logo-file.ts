// team/account-settings: PNG, JPEG, WebP or GIF, at most 2 MB. Checked in the browser only to answer at
// once; the API reads the file's signature and has the last word.
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;

/** The problem with a chosen file, or null when it may be uploaded. */
export function checkLogoFile(file: { type: string; size: number }): string | null {
  if (!LOGO_TYPES.includes(file.type)) return 'Choose a PNG, JPEG, WebP or GIF image.';
  if (file.size > LOGO_MAX_BYTES) return 'The logo must be at most 2 MB.';
  if (file.size === 0) return 'This file is empty.';
  return null;
}
