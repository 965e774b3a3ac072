import http from 'node:http';
import { CachedFetchError, type PullThroughCache, type UpstreamAnswer } from './pull-through-cache.ts';
import { sendCached, sendText } from './send-cached.ts';
import type { UpstreamRegistry } from './upstream-registry.ts';

// The image mirror on an online host: the course images first, then an upstream registry pulled through a
// disk cache. Every request goes to the local mirror (Debian's docker-registry, read-only, on a unix
// socket) as it is; only a manifest or blob it does not have (404) is looked up upstream. So a course
// image always wins over an upstream one of the same name, pushes still meet the read-only registry, and
// docker's own short names (`docker pull alpine` asks a registry-mirror for library/alpine) just work.
// Blobs and manifests by digest are kept for good (their name is their content, checked on arrival); a
// tag is asked upstream again after `refreshMs`, and a tag that does not exist there is remembered as long.

export interface RegistryPullThroughOptions {
  localSocket: string;
  upstream: UpstreamRegistry;
  cache: PullThroughCache;
  refreshMs: number;
  log: (line: string) => void;
}

// /v2/<repository>/(manifests|blobs)/<tag or digest>, repository names as the Distribution spec has them.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const ROUTE = new RegExp(
  `^/v2/((?:${COMPONENT}/)*${COMPONENT})/(manifests|blobs)/([A-Za-z0-9_][A-Za-z0-9._-]{0,127}|sha256:[a-f0-9]{64})$`,
);
const DIGEST = /^sha256:[a-f0-9]{64}$/;

// Asked upstream whatever the client accepts, so one cached answer (an index when there is one) serves all.
const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
].join(', ');

function registryError(res: http.ServerResponse, status: number, code: string, message: string): void {
  sendText(res, status, `${JSON.stringify({ errors: [{ code, message }] })}\n`, 'application/json');
}

function askLocal(
  socketPath: string,
  req: http.IncomingMessage,
  body: boolean,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const local = http.request(
      { socketPath, method: req.method, path: req.url, headers: req.headers },
      resolve,
    );
    local.on('error', reject);
    if (body) req.pipe(local);
    else local.end();
  });
}

function relay(from: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(from.statusCode ?? 502, from.headers);
  from.pipe(res);
}

export function registryPullThrough(o: RegistryPullThroughOptions): http.RequestListener {
  const fetcher =
    (name: string, kind: 'manifests' | 'blobs', ref: string) => async (): Promise<UpstreamAnswer> => {
      const res = await o.upstream.get(name, kind, ref, kind === 'manifests' ? MANIFEST_TYPES : undefined);
      o.log(`upstream GET ${name}/${kind}/${ref} → ${res.status}`);
      // Docker Hub answers 401 for a repository that does not exist: to a learner that is "not found".
      const status = res.status === 401 || res.status === 403 ? 404 : res.status;
      const type = res.headers.get('content-type') ?? 'application/octet-stream';
      return {
        status,
        headers: { 'content-type': type },
        body: res.body,
        ...(DIGEST.test(ref) ? { digest: ref } : {}),
      };
    };

  async function pullThrough(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    name: string,
    kind: 'manifests' | 'blobs',
    ref: string,
  ): Promise<void> {
    const byDigest = DIGEST.test(ref);
    if (kind === 'blobs' && !byDigest)
      return registryError(res, 404, 'BLOB_UNKNOWN', 'blobs are named by digest');
    // A blob is the same bytes in every repository; a manifest is looked up per repository.
    const key = kind === 'blobs' ? `blob ${ref}` : `manifest ${name} ${ref}`;
    const entry = await o.cache.get(
      key,
      byDigest ? {} : { maxAgeMs: o.refreshMs, keep: [404] },
      fetcher(name, kind, ref),
    );
    if (entry.meta.status !== 200) {
      return registryError(res, 404, 'MANIFEST_UNKNOWN', `${name}:${ref} is not in the mirror or upstream`);
    }
    await sendCached(req, res, entry, {
      'content-type': entry.meta.headers['content-type'] ?? 'application/octet-stream',
      'docker-content-digest': `sha256:${entry.meta.sha256}`,
      'docker-distribution-api-version': 'registry/2.0',
    });
  }

  return (req, res) => {
    const route = ROUTE.exec(new URL(req.url ?? '/', 'http://mirror').pathname);
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    const handle = async () => {
      const local = await askLocal(o.localSocket, req, !readOnly);
      if (!route || !readOnly || local.statusCode !== 404) return relay(local, res);
      local.resume();
      const [, name = '', kind, ref = ''] = route;
      await pullThrough(req, res, name, kind === 'blobs' ? 'blobs' : 'manifests', ref);
    };
    handle().catch((e: unknown) => {
      if (res.headersSent) return res.destroy();
      if (e instanceof CachedFetchError && e.upstreamStatus === 404) {
        return registryError(res, 404, 'BLOB_UNKNOWN', 'not in the mirror or upstream');
      }
      o.log(`error on ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
      registryError(res, 502, 'UNAVAILABLE', 'neither the mirror nor the upstream registry could answer');
    });
  };
}
