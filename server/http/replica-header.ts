import type http from 'node:http';
import { config } from '../config.ts';

// Every answer of a control-plane replica names it (BERTH_REPLICA_ID), HTTP responses and websocket
// upgrades alike, so an operator (and the replica test) can see where a load balancer sent a request.
export const REPLICA_HEADER = 'x-berth-replica';

export function setReplicaHeader(res: http.ServerResponse): void {
  res.setHeader(REPLICA_HEADER, config().BERTH_REPLICA_ID);
}

/** For the raw header lines of a websocket upgrade answer (ws's "headers" event). */
export function replicaHeaderLine(): string {
  return `${REPLICA_HEADER}: ${config().BERTH_REPLICA_ID}`;
}
