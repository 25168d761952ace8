/** A same-site path to return to after sign-in; anything else (absolute URLs, `//host`) becomes `/`. */
export function safeNext(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
