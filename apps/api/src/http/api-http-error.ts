/** An HTTP-layer refusal that is not a domain rule: CSRF, rate limits, redirects of moved slugs. */
export class ApiHttpError extends Error {
  override readonly name = 'ApiHttpError';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
