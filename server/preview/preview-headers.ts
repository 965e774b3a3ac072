// Header rewriting between the browser and a learner's server, which lives under a path prefix on the
// preview origin: Berth's cookies (berth_session, which browsers also send to other ports of the same host,
// berth_preview, berth_lang — every berth_* name) never reach it, and its redirects and cookies stay under
// its prefix.

const isBerthCookie = (name: string | undefined) => name?.trim().startsWith('berth_') ?? false;

/** The Cookie header without Berth's cookies (undefined when nothing is left). */
export function cookieWithoutBerth(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const kept = header
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c && !isBerthCookie(c.split('=')[0]));
  return kept.length ? kept.join('; ') : undefined;
}

/**
 * A Location the learner's server sent, mapped under the prefix: "/next" and "http://<our host>/next" both
 * become "<prefix>/next". Relative locations already resolve under the prefix; other hosts are left alone.
 */
export function rewriteLocation(location: string, prefix: string, host: string | undefined): string {
  let path: string;
  if (location.startsWith('/') && !location.startsWith('//')) {
    path = location;
  } else if (/^https?:\/\//i.test(location) || location.startsWith('//')) {
    let u: URL;
    try {
      u = new URL(location, 'http://placeholder');
    } catch {
      return location;
    }
    if (!host || u.host !== host) return location;
    path = `${u.pathname}${u.search}${u.hash}`;
  } else {
    return location;
  }
  // A server that honours X-Forwarded-Prefix already points under it.
  if (path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`)) return path;
  return `${prefix}${path}`;
}

/**
 * Set-Cookie headers of the learner's server: their Path is moved under the prefix (so they reach only this
 * preview) and a cookie that would shadow one of Berth's (berth_*) is dropped.
 */
export function rewriteSetCookies(cookies: string[], prefix: string): string[] {
  const out: string[] = [];
  for (const cookie of cookies) {
    if (isBerthCookie(cookie.split('=')[0])) continue;
    const parts = cookie.split(';');
    let hasPath = false;
    const rewritten = parts.map((part, i) => {
      if (i === 0) return part;
      const m = part.match(/^\s*path\s*=\s*(.*)$/i);
      if (!m) return part;
      hasPath = true;
      const path = (m[1] ?? '').trim();
      return ` Path=${prefix}${path.startsWith('/') ? path : `/${path}`}`;
    });
    // Without a Path the browser uses the request's directory, which is under the prefix already.
    out.push(hasPath ? rewritten.join(';') : cookie);
  }
  return out;
}
