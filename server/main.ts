import http from 'node:http';
import next from 'next';
import { config, previewPort, redactConfig } from './config.ts';
import { stampClientAddress } from './http/client-address.ts';
import { stampLangHeader } from './http/lang-header.ts';
import { setReplicaHeader } from './http/replica-header.ts';
import { createPreviewServer } from './preview/preview-server.ts';
import { closeQueues, ensureSchedulers } from './queues/sandbox-queue.ts';
import { startSandboxWorker } from './queues/sandbox-worker.ts';
import { closeSharedRedis } from './redis/shared-redis.ts';
import { handleTerminalUpgrade, TERMINAL_PATH } from './terminal/terminal-gateway.ts';

// The control plane: one HTTP server hosting Next (pages + route handlers) and the terminal gateway, a
// second one on the preview origin for learners' published ports, plus the BullMQ worker for sandbox jobs.
async function main(): Promise<void> {
  const c = config();
  const dev = process.env.NODE_ENV !== 'production';
  const app = next({ dev, hostname: 'localhost', port: c.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const worker = startSandboxWorker();
  await ensureSchedulers();

  const server = http.createServer((req, res) => {
    setReplicaHeader(res);
    stampLangHeader(req);
    stampClientAddress(req);
    handle(req, res).catch((e) => {
      console.error('[web]', e);
      res.statusCode = 500;
      res.end('internal error');
    });
  });
  // Only our own websocket paths: Next attaches its own upgrade listener for HMR in dev, and an upgrade
  // handed to both would be handled twice.
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith(`${TERMINAL_PATH}?`) || req.url === TERMINAL_PATH) {
      handleTerminalUpgrade(req, socket, head).catch(() => socket.destroy());
    } else if (!dev) {
      socket.destroy();
    }
  });
  server.listen(c.PORT, c.HOST, () => {
    console.log(`[web] Berth listening on http://${c.HOST}:${c.PORT} (${dev ? 'dev' : 'production'})`);
    console.log(`[web] config ${JSON.stringify(redactConfig(c))}`);
  });
  // Previews never on Berth's own origin (server/preview/preview-server.ts).
  const previews = createPreviewServer();
  previews.listen(previewPort(c), c.HOST, () => {
    console.log(`[web] previews on their own origin: http://${c.HOST}:${previewPort(c)}`);
  });

  let stopping = false;
  const stop = async () => {
    // A second signal, or a stop that hangs (closing the queues waits for a Redis that is gone), exits at once.
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => {
      console.error(`[web] still stopping after ${STOP_GRACE_MS / 1000} s (is Redis down?); exiting`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    server.close();
    previews.close();
    await worker.close().catch(() => {});
    await closeQueues().catch(() => {});
    closeSharedRedis();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// How long a stop may wait for the queues and Redis before the process exits regardless.
const STOP_GRACE_MS = 5_000;

main().catch((e) => {
  console.error('[web] fatal:', e);
  process.exit(1);
});
