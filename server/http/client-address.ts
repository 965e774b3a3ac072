// The peer address of a request, for per-address rate limits. The custom server (server/main.ts) stamps
// it from the socket over whatever the client sent, so a client cannot pick its own address.
export const CLIENT_ADDRESS_HEADER = 'x-berth-client-address';

export function clientAddress(req: Request): string {
  return req.headers.get(CLIENT_ADDRESS_HEADER) || 'unknown';
}

/** For the custom server: overwrite the header with the socket's peer address. */
export function stampClientAddress(req: {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string };
}): void {
  req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
}
