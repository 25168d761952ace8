import { Type } from '@sinclair/typebox';

/** `{ error: { code, message } }`, every refusal of the public API. */
export const V1Error = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { description: 'An error: `code` is stable, `message` is for people.' },
);

/** The refusals any `/v1` route can give: bad parameters, no or unknown key, key without the scope. */
export const V1_ERRORS = { 400: V1Error, 401: V1Error, 403: V1Error, 429: V1Error } as const;

export const NextCursor = Type.Union([Type.String(), Type.Null()], {
  description: 'Pass as `cursor` for the next page; null on the last page.',
});
