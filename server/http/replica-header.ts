import type http from 'node:http';
import os from 'node:os';
import { config } from '../config.ts';

// Every answer of a control-plane replica names it (BERTH_REPLICA_ID), HTTP responses and websocket
// upgrades alike, so an operator (and the replica test) can see where a load balancer sent a request.
export const REPLICA_HEADER = 'x-berth-replica';

/** BERTH_REPLICA_ID, or <hostname>:<PORT> — unique per process even with several on one host. */
export function replicaId(): string {
  const c = config();
  return c.BERTH_REPLICA_ID ?? `${os.hostname()}:${c.PORT}`;
}

export function setReplicaHeader(res: http.ServerResponse): void {
  res.setHeader(REPLICA_HEADER, replicaId());
}

/** For the raw header lines of a websocket upgrade answer (ws's "headers" event). */
export function replicaHeaderLine(): string {
  return `${REPLICA_HEADER}: ${replicaId()}`;
}
