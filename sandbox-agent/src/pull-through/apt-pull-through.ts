import type http from 'node:http';
import { CachedFetchError, type PullThroughCache, type UpstreamAnswer } from './pull-through-cache.ts';
import { sendCached, sendText } from './send-cached.ts';

// The apt archive on an online host: http://berth-apt/debian/<path> is <upstream mirror>/<path>, pulled
// through a disk cache. Packages (pool/) and by-hash files never change under their name, so they are kept
// for good; the indexes under dists/ are asked upstream again after `refreshMs` (and a missing one, such
// as an unsigned InRelease, is remembered as long). Only GET and HEAD of plain archive paths are served:
// the upstream is fixed, so a sandbox can fetch nothing but that mirror's files through it.

export interface AptPullThroughOptions {
  upstream: string;
  cache: PullThroughCache;
  refreshMs: number;
  log: (line: string) => void;
}

// Archive paths are plain names: no empty, dot-leading (so no `..`) or percent-encoded segments.
const ROUTE = /^\/debian\/((?:[A-Za-z0-9][A-Za-z0-9._+~-]*\/)*[A-Za-z0-9][A-Za-z0-9._+~-]*)$/;
const isIndex = (p: string) => p.startsWith('dists/') && !p.includes('/by-hash/');
const KEPT_HEADERS = ['content-type', 'last-modified'];

export function aptPullThrough(o: AptPullThroughOptions): http.RequestListener {
  const base = o.upstream.replace(/\/$/, '');
  const fetcher = (rest: string) => async (): Promise<UpstreamAnswer> => {
    const res = await fetch(`${base}/${rest}`, { signal: AbortSignal.timeout(30 * 60_000) });
    o.log(`upstream GET ${rest} → ${res.status}`);
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) {
      const v = res.headers.get(h);
      if (v) headers[h] = v;
    }
    return { status: res.status, headers, body: res.body };
  };

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'read-only archive\n');
    const route = ROUTE.exec(new URL(req.url ?? '/', 'http://berth-apt').pathname);
    if (!route?.[1]) return sendText(res, 404, 'not an archive path\n');
    const rest = route[1];
    const opts = isIndex(rest) ? { maxAgeMs: o.refreshMs, keep: [404] } : {};
    o.cache
      .get(`apt ${rest}`, opts, fetcher(rest))
      .then((entry) => sendCached(req, res, entry, entry.meta.headers))
      .catch((e: unknown) => {
        if (res.headersSent) return res.destroy();
        if (e instanceof CachedFetchError && e.upstreamStatus === 404)
          return sendText(res, 404, 'not found\n');
        o.log(`error on ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
        sendText(res, 502, 'the upstream Debian mirror did not answer\n');
      });
  };
}
