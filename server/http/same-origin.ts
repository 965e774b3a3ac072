import { BerthError } from '../../contract/errors.ts';
import { config } from '../config.ts';

// Browsers attach the learner's SameSite=Lax cookie to requests from every origin of the same *site*
// (another port on this host, a sibling subdomain), so the cookie alone does not prove that Berth's own
// pages sent a request. Browsers always send `Origin` on websocket upgrades and on cross-origin and
// non-GET requests; a request carrying one that is not Berth's own is refused. No `Origin` at all means
// no browser page made the request (curl, the agents, tests), which a cookie-stealing page cannot do.

/** Berth's own origin as the browser sees it: scheme of the Origin header, host from the Host header. */
function sameHost(origin: URL, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  try {
    return new URL(`${origin.protocol}//${hostHeader}`).host === origin.host;
  } catch {
    return false;
  }
}

// The preview origin (server/preview/preview-server.ts) runs learners' pages: it is never Berth's own, even
// behind a proxy that sends both origins to one Host (config.ts refuses it in BERTH_ALLOWED_ORIGINS too).
export function isAllowedOrigin(
  origin: string | null | undefined,
  hostHeader: string | undefined,
  allowed: readonly string[] = config().BERTH_ALLOWED_ORIGINS,
  /** null on the preview origin itself, whose own pages may open websockets into a preview. */
  previewOrigin: string | null | undefined = config().BERTH_PREVIEW_ORIGIN,
): boolean {
  if (origin === undefined || origin === null || origin === '') return true;
  let url: URL;
  try {
    url = new URL(origin); // "null" (sandboxed frames, file:) does not parse and is refused
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (previewOrigin && url.origin === previewOrigin) return false;
  return allowed.includes(url.origin) || sameHost(url, hostHeader);
}

export function assertSameOrigin(origin: string | null | undefined, hostHeader: string | undefined): void {
  if (!isAllowedOrigin(origin, hostHeader))
    throw new BerthError(
      'forbidden',
      'Requests from other sites are refused. If Berth is served under another address, add it to BERTH_ALLOWED_ORIGINS.',
    );
}
