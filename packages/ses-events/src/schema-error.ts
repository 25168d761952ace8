import type { TSchema } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import { ERROR_MESSAGE_KEY } from './schema-helpers.ts';

/**
 * `path: message` for the first TypeBox error, e.g. `detail.bounce.bouncedRecipients: Expected array`.
 * Only called on the failure path, so the (uncompiled) error walk does not cost accepted events anything.
 * `prefix` is the JSON pointer of the checked value inside the body (`/detail` for a detail check).
 */
export function describeFirstError(
  check: TypeCheck<TSchema>,
  value: unknown,
  root: unknown,
  prefix = '',
): string {
  const error = check.Errors(value).First();
  if (error === undefined) return `${readablePath(root, prefix)}: Invalid value`;
  const custom: unknown = error.schema[ERROR_MESSAGE_KEY];
  const message = typeof custom === 'string' ? custom : error.message;
  return `${readablePath(root, prefix + error.path)}: ${message}`;
}

/**
 * JSON pointer to `a.b[0].c`. Walks the value alongside so that only real array indexes get brackets
 * (a tag literally named `0` stays `.0`).
 */
export function readablePath(root: unknown, pointer: string): string {
  if (pointer === '') return '(root)';
  let out = '';
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      out += `[${key}]`;
      current = current[Number(key)];
    } else {
      out += out === '' ? key : `.${key}`;
      current = isRecord(current) ? current[key] : undefined;
    }
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
