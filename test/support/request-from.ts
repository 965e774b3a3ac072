import http from 'node:http';

// A JSON request from a chosen loopback address (127.0.0.x): the server sees it as the peer address, so
// per-address rate limits can be tested as per address. It also sends a made-up client-address header,
// which the server must overwrite (server/http/client-address.ts).

export interface Reply {
  status: number;
  json: any;
  text: string;
  /** The first Set-Cookie's name=value. */
  cookie?: string;
  retryAfter?: string;
}

export function requestFrom(
  baseUrl: string,
  method: string,
  path: string,
  opts: { body?: unknown; cookie?: string; from?: string } = {},
): Promise<Reply> {
  const url = new URL(path, baseUrl);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        method,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        localAddress: opts.from ?? '127.0.0.1',
        headers: {
          'content-type': 'application/json',
          'x-berth-client-address': 'spoofed',
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {}
          const setCookie = res.headers['set-cookie']?.[0];
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, json, text, cookie: setCookie?.split(';')[0], retryAfter });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
