import { config } from '../config.ts';
import { type PreviewClaim, type PreviewTarget, verifyPreviewToken } from './preview-token.ts';

// The preview origin's own cookie: a signed grant for one sandbox+node+port (preview-token.ts), HttpOnly so a
// preview page's scripts cannot read it, and Path-scoped to that preview's prefix.
export const PREVIEW_COOKIE = 'berth_preview';

export function previewCookieHeader(grant: string, prefix: string, maxAgeSeconds: number): string {
  const c = config();
  const secure = c.BERTH_SECURE_COOKIES || c.BERTH_PREVIEW_ORIGIN?.startsWith('https:');
  // Path without a trailing slash covers ".../8080" and ".../8080/…" but never ".../80801".
  const parts = [`${PREVIEW_COOKIE}=${grant}`, `Path=${prefix}`, 'HttpOnly', 'SameSite=Lax'];
  parts.push(`Max-Age=${maxAgeSeconds}`);
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * The grant among the request's preview cookies that Berth signed for this target. Every value is tried: a
 * preview page can plant a cookie of the same name with a longer Path (it is listed first), never a valid one.
 */
export function grantFromCookies(
  header: string | undefined,
  target: PreviewTarget,
): PreviewClaim | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0 || part.slice(0, i).trim() !== PREVIEW_COOKIE) continue;
    const claim = verifyPreviewToken(part.slice(i + 1).trim(), 'grant', target);
    if (claim) return claim;
  }
  return undefined;
}
