import { z } from 'zod';

// Pull-only client of an upstream registry (the Distribution API, e.g. Docker Hub): answers the auth
// challenge the way docker does — a Bearer token from the realm it names (with the credentials when there
// are some, anonymous otherwise) or Basic credentials — and keeps each token until it expires.

export interface UpstreamRegistryAuth {
  username?: string | undefined;
  password?: string | undefined;
}

const tokenSchema = z
  .object({
    token: z.string().optional(),
    access_token: z.string().optional(),
    expires_in: z.number().positive().optional(),
  })
  .refine((t) => t.token || t.access_token, 'no token');

// `Bearer realm="…",service="…",scope="…"` → scheme and parameters.
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  for (const m of header.slice(space + 1).matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) params[m[1]!] = m[2]!;
  return { scheme, params };
}

const TIMEOUT_MS = 30_000;

export class UpstreamRegistry {
  private readonly tokens = new Map<string, { value: string; until: number }>();

  constructor(
    readonly url: string,
    private readonly auth: UpstreamRegistryAuth = {},
  ) {}

  private basic(): string | undefined {
    const { username, password } = this.auth;
    return username && password
      ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
      : undefined;
  }

  private async token(challenge: string, repository: string): Promise<string | undefined> {
    const { scheme, params } = parseChallenge(challenge);
    if (scheme === 'basic') return this.basic();
    if (scheme !== 'bearer' || !params.realm) return undefined;
    const scope = params.scope ?? `repository:${repository}:pull`;
    const cached = this.tokens.get(scope);
    if (cached && cached.until > Date.now()) return cached.value;
    const realm = new URL(params.realm);
    if (params.service) realm.searchParams.set('service', params.service);
    realm.searchParams.set('scope', scope);
    const basic = this.basic();
    const res = await fetch(realm, {
      headers: basic ? { authorization: basic } : {},
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) {
      await res.body?.cancel();
      return undefined;
    }
    const parsed = tokenSchema.safeParse(await res.json());
    if (!parsed.success) return undefined;
    const value = `Bearer ${parsed.data.token ?? parsed.data.access_token}`;
    // Renewed a little early; Docker Hub's tokens live 300 s.
    const seconds = Math.max(10, (parsed.data.expires_in ?? 60) - 10);
    this.tokens.set(scope, { value, until: Date.now() + seconds * 1000 });
    return value;
  }

  // GET <url>/v2/<repository>/<kind>/<reference>, answering one auth challenge. Blob redirects (a CDN) are
  // followed; fetch drops the Authorization header when a redirect leaves the registry's origin.
  async get(
    repository: string,
    kind: 'manifests' | 'blobs',
    reference: string,
    accept?: string,
  ): Promise<Response> {
    const target = `${this.url.replace(/\/$/, '')}/v2/${repository}/${kind}/${reference}`;
    const attempt = (authorization?: string) =>
      fetch(target, {
        headers: { ...(accept ? { accept } : {}), ...(authorization ? { authorization } : {}) },
        signal: AbortSignal.timeout(kind === 'blobs' ? 30 * 60_000 : TIMEOUT_MS),
      });
    const first = await attempt(this.tokens.get(`repository:${repository}:pull`)?.value);
    const challenge = first.headers.get('www-authenticate');
    if (first.status !== 401 || !challenge) return first;
    await first.body?.cancel();
    const authorization = await this.token(challenge, repository);
    return authorization ? attempt(authorization) : new Response(null, { status: 401 });
  }
}
