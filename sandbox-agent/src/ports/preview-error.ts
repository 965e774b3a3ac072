import type http from 'node:http';
import { BerthError, isBerthError } from '../../../contract/errors.ts';

// A preview that cannot be shown: a person who opened the link reads a short page, a script gets the
// API's {"error":{code,message}}. Used by the agent and the control plane halves of the preview.
export function sendPreviewError(req: http.IncomingMessage, res: http.ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const err = isBerthError(e) ? e : new BerthError('internal', 'The preview failed on our side.');
  if (!isBerthError(e)) console.error('[preview]', e);
  if ((req.headers.accept ?? '').includes('text/html')) {
    res.writeHead(err.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      '<!doctype html><meta charset="utf-8"><title>Preview unavailable</title>' +
        '<body style="font:16px system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">' +
        `<h1 style="font-size:1.25rem">Preview unavailable</h1><p>${escapeHtml(err.message)}</p>`,
    );
    return;
  }
  res.writeHead(err.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code: err.code, message: err.message } }));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
