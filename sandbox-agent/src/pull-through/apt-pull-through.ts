import { execFile } from 'node:child_process';
import type http from 'node:http';
import { promisify } from 'node:util';
import { CachedFetchError, type PullThroughCache, type UpstreamAnswer } from './pull-through-cache.ts';
import { sendCached, sendText } from './send-cached.ts';

// The apt archive on an online host: http://berth-apt/debian/<path> is <upstream mirror>/<path>, pulled
// through a disk cache. Packages (pool/) and by-hash files never change under their name, so they are kept
// for good; the indexes under dists/ are asked upstream again after `refreshMs` (and a missing one, such
// as an unsigned InRelease, is remembered as long). Only GET and HEAD of plain archive paths are served:
// the upstream is fixed, so a sandbox can fetch nothing but that mirror's files through it.
// Sandboxes' apt sources say `Trusted: yes` (images/apt/berth-offline.sources): they check every index
// and package against the hashes of the suite's Release file, but not its signature. So the signature is
// checked here: only an InRelease that gpgv verifies against `keyring` (Debian's archive keys) is served,
// and an unsigned Release is never asked for — a tampered mirror or connection fails apt-get update.

const run = promisify(execFile);

export interface AptPullThroughOptions {
  upstream: string;
  cache: PullThroughCache;
  refreshMs: number;
  keyring: string;
  log: (line: string) => void;
}

// Archive paths are plain names: no empty, dot-leading (so no `..`) or percent-encoded segments.
const ROUTE = /^\/debian\/((?:[A-Za-z0-9][A-Za-z0-9._+~-]*\/)*[A-Za-z0-9][A-Za-z0-9._+~-]*)$/;
const isIndex = (p: string) => p.startsWith('dists/') && !p.includes('/by-hash/');
const UNSIGNED_RELEASE = /^dists\/[^/]+\/Release(\.gpg)?$/;
const SIGNED_RELEASE = /^dists\/[^/]+\/InRelease$/;
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

  const verifySignature = async (file: string) => {
    await run('gpgv', ['--keyring', o.keyring, file]).catch(() => {
      throw new Error(`not signed by a key in ${o.keyring}`);
    });
  };

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'read-only archive\n');
    const route = ROUTE.exec(new URL(req.url ?? '/', 'http://berth-apt').pathname);
    if (!route?.[1]) return sendText(res, 404, 'not an archive path\n');
    const rest = route[1];
    if (UNSIGNED_RELEASE.test(rest)) return sendText(res, 404, 'only a signed InRelease is served\n');
    const verify = SIGNED_RELEASE.test(rest) ? { verify: verifySignature } : {};
    const opts = isIndex(rest) ? { maxAgeMs: o.refreshMs, keep: [404], ...verify } : {};
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
