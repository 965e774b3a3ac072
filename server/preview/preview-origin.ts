import { config, previewPort } from '../config.ts';

// The origin previews are served from: BERTH_PREVIEW_ORIGIN when a proxy gives them a public address of
// their own, else the host name the browser used for Berth (its Origin header, else Host — https when
// BERTH_SECURE_COOKIES says Berth is served so) on the preview port — another origin than Berth's, so a
// learner's page never runs with Berth's pages' rights.
export function previewOrigin(
  originHeader: string | null | undefined,
  hostHeader: string | null | undefined,
) {
  const c = config();
  if (c.BERTH_PREVIEW_ORIGIN) return c.BERTH_PREVIEW_ORIGIN;
  let url: URL;
  try {
    const scheme = c.BERTH_SECURE_COOKIES ? 'https' : 'http';
    url = new URL(originHeader || `${scheme}://${hostHeader || 'localhost'}`);
  } catch {
    url = new URL('http://localhost');
  }
  url.port = String(previewPort(c));
  return url.origin;
}
