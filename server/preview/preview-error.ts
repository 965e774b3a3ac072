import type http from 'node:http';
import { errorBody } from '../http/error-response.ts';

// A preview the control plane refuses (not yours, host not answering): a person who opened the link reads
// a short page, a script gets the API's {"error":{code,message}}. Errors the agent sends come through the
// proxy as the agent wrote them (sandbox-agent/src/ports/preview-error.ts).
export function sendPreviewError(req: http.IncomingMessage, res: http.ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, body } = errorBody(e);
  if (!(req.headers.accept ?? '').includes('text/html')) {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
    return;
  }
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    '<!doctype html><meta charset="utf-8"><title>Preview unavailable</title>' +
      '<body style="font:16px system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">' +
      `<h1 style="font-size:1.25rem">Preview unavailable</h1><p>${escapeHtml(body.error.message)}</p>`,
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
