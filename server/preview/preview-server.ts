import http from 'node:http';
import { setReplicaHeader } from '../http/replica-header.ts';
import { handlePreviewRequest, handlePreviewUpgrade, isPreviewRequest } from './preview-proxy.ts';

// The preview origin's listener (BERTH_PREVIEW_PORT): learners' published ports and nothing else — no pages,
// no API, no terminal — so a script in a learner's page shares no origin with Berth. Berth's session
// cookie, which browsers also send to other ports of the same host, is never read here.
export function createPreviewServer(): http.Server {
  const server = http.createServer((req, res) => {
    setReplicaHeader(res);
    if (isPreviewRequest(req.url)) {
      void handlePreviewRequest(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not a preview.\n');
  });
  server.on('upgrade', (req, socket, head) => {
    if (isPreviewRequest(req.url)) handlePreviewUpgrade(req, socket, head).catch(() => socket.destroy());
    else socket.destroy();
  });
  return server;
}
