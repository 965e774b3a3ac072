import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'berth_session';
export const SESSION_DAYS = 30;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

// Only a hash of the token is stored: a leaked database does not hand out sessions.
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sessionCookieHeader(
  token: string,
  secure: boolean,
  maxAgeSeconds = SESSION_DAYS * 24 * 3600,
): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** Tells the browser to drop the session cookie (sign-out). */
export function clearSessionCookieHeader(secure: boolean): string {
  return sessionCookieHeader('', secure, 0);
}

export function readCookie(header: string | undefined | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}
