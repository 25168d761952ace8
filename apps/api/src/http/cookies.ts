import type { CookieSerializeOptions } from '@fastify/cookie';
import type { IssuedSession } from '@sendops/auth';
import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'sendops_session';
/** Readable by the page, which echoes it in the `x-csrf-token` header (double submit). */
export const CSRF_COOKIE = 'sendops_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function baseOptions(secure: boolean): CookieSerializeOptions {
  return { path: '/', sameSite: 'lax', secure };
}

/** Sets both cookies of a new session; they live as long as the session may. */
export function setSessionCookies(reply: FastifyReply, issued: IssuedSession, secure: boolean): void {
  const expires = new Date(issued.session.expires_at);
  void reply.setCookie(SESSION_COOKIE, issued.token, { ...baseOptions(secure), httpOnly: true, expires });
  void reply.setCookie(CSRF_COOKIE, issued.csrfToken, { ...baseOptions(secure), httpOnly: false, expires });
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { ...baseOptions(secure), httpOnly: true });
  void reply.clearCookie(CSRF_COOKIE, { ...baseOptions(secure), httpOnly: false });
}
