import { describe, expect, it } from 'vitest';
import { checkLogoFile, LOGO_MAX_BYTES } from './logo-file.ts';

describe('checkLogoFile', () => {
  it('accepts the four image types up to 2 MB', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp', 'image/gif']) {
      expect(checkLogoFile({ type, size: LOGO_MAX_BYTES })).toBeNull();
    }
  });

  it('names the problem with anything else', () => {
    expect(checkLogoFile({ type: 'image/svg+xml', size: 100 })).toBe(
      'Choose a PNG, JPEG, WebP or GIF image.',
    );
    expect(checkLogoFile({ type: 'image/png', size: LOGO_MAX_BYTES + 1 })).toBe(
      'The logo must be at most 2 MB.',
    );
    expect(checkLogoFile({ type: 'image/png', size: 0 })).toBe('This file is empty.');
  });
});
