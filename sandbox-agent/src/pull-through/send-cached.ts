import fs from 'node:fs/promises';
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { CachedEntry } from './pull-through-cache.ts';

// Answers a GET or HEAD from a cached upstream answer: its status, the given headers and, for GET, the body.
export async function sendCached(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  entry: CachedEntry,
  headers: Record<string, string>,
): Promise<void> {
  // A refresh may have replaced the body since the entry was read; the client's retry gets the new one.
  const file = await fs.open(entry.file).catch(() => undefined);
  if (!file) return sendText(res, 503, 'the cached copy changed while being served; try again\n');
  res.writeHead(entry.meta.status, { ...headers, 'content-length': String(entry.meta.size) });
  if (req.method === 'HEAD') {
    await file.close();
    res.end();
    return;
  }
  await pipeline(file.createReadStream(), res).catch(() => res.destroy());
}

export function sendText(res: http.ServerResponse, status: number, text: string, type = 'text/plain'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}
