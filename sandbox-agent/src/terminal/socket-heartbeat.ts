import type { WebSocket } from 'ws';

// Protocol-level pings: a peer that misses one whole interval is gone (half-open TCP) and is terminated.
// Any message from the peer also counts as a sign of life. Returns a stop function.
export function startHeartbeat(ws: WebSocket, intervalMs = 30_000): () => void {
  let alive = true;
  const markAlive = () => {
    alive = true;
  };
  ws.on('pong', markAlive);
  ws.on('message', markAlive);
  const timer = setInterval(() => {
    if (!alive) {
      ws.terminate();
      return;
    }
    alive = false;
    ws.ping();
  }, intervalMs);
  return () => clearInterval(timer);
}
