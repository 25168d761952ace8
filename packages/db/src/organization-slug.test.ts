import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, slugify, slugWithSuffix } from './organization-slug.ts';

describe('slugify', () => {
  it.each([
    ['Acme', 'acme'],
    ['Acme Café, Inc.', 'acme-cafe-inc'],
    ['  --Hello__World--  ', 'hello-world'],
    ['A', 'org-a'],
    ['日本', 'org'],
    ['x'.repeat(100), 'x'.repeat(43)],
  ])('%j -> %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(slugify(name)).toMatch(SLUG_PATTERN);
  });

  it('leaves room for the uniqueness suffix', () => {
    expect(slugWithSuffix(slugify('y'.repeat(100)))).toMatch(SLUG_PATTERN);
  });
});
