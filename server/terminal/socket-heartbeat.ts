import type { WebSocket } from 'ws';

// Keepalive for the browsers' terminal sockets, ws's own recipe for broken connections: a protocol-level
// ping (RFC 6455) every interval; a browser that has not answered by the next one is gone (half-open TCP)
// and is terminated. Any message from it also counts as a sign of life. Returns a stop function.
// The agent applies the same recipe to its sockets from the control plane; it is library usage and each
// program's own liveness policy, not part of the wire format, so it is not in contract/.
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
