import type { Engine } from '../../sandbox-agent/src/docker/engine.ts';

// Small servers a learner could run inside their sandbox with nothing but the offline busybox image,
// for preview tests: a static site with a CGI that echoes the request, a server that answers with the
// request's own headers, and a websocket echo server — all in busybox sh behind `httpd` or `nc -ll -e`.

export const SITE_INDEX = '<h1>hello from a published port</h1>\n';

// CGI: method, Berth-relevant headers and the posted body, as text.
const CGI_ECHO = `#!/bin/sh
printf 'Content-Type: text/plain\\r\\n\\r\\n'
echo "method=$REQUEST_METHOD query=$QUERY_STRING cookie=$HTTP_COOKIE prefix=$HTTP_X_FORWARDED_PREFIX"
[ "$REQUEST_METHOD" = POST ] && head -c "$CONTENT_LENGTH"
exit 0
`;

// Every request is answered with its own request line and headers (busybox httpd hides Authorization
// from CGI, so this shows exactly what reaches a learner's server).
const HEADERS_ECHO = `#!/bin/sh
head=
while IFS= read -r line; do
  line=$(printf '%s' "$line" | tr -d '\\r')
  [ -z "$line" ] && break
  head="$head$line
"
done
printf 'HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: %s\\r\\nConnection: close\\r\\n\\r\\n%s' "$(printf '%s' "$head" | wc -c)" "$head"
`;

// RFC 6455 echo for unfragmented text frames up to 125 bytes: handshake with sha1sum/base64, then unmask
// each client frame byte by byte and send it back unmasked.
const WS_ECHO = `#!/bin/sh
key=
while IFS= read -r line; do
  line=$(printf '%s' "$line" | tr -d '\\r')
  [ -z "$line" ] && break
  case "$line" in [Ss]ec-[Ww]eb[Ss]ocket-[Kk]ey:*) key=\${line#*:}; key=\${key# } ;; esac
done
accept=$(printf '%s' "\${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11" | sha1sum | cut -d' ' -f1 | xxd -r -p | base64)
printf 'HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: %s\\r\\n\\r\\n' "$accept"
bytes() { dd bs=1 count="$1" 2>/dev/null | od -An -tu1; }
while :; do
  set -- $(bytes 2)
  [ $# -eq 2 ] || exit 0
  op=$(($1 & 15)) len=$(($2 & 127))
  if [ "$op" -eq 8 ]; then printf '\\210\\000'; exit 0; fi
  set -- $(bytes 4)
  m0=$1 m1=$2 m2=$3 m3=$4 i=0 out=
  for b in $(bytes "$len"); do
    case $((i % 4)) in 0) k=$m0 ;; 1) k=$m1 ;; 2) k=$m2 ;; *) k=$m3 ;; esac
    out="$out\\\\$(printf %03o $((b ^ k)))"
    i=$((i + 1))
  done
  printf "\\\\201\\\\$(printf %03o "$len")$out"
done
`;

const FILES: Record<string, { content: string; mode: string }> = {
  '/root/srv/www/index.html': { content: SITE_INDEX, mode: '644' },
  '/root/srv/www/docs/index.html': { content: 'docs page\n', mode: '644' },
  '/root/srv/www/cgi-bin/echo': { content: CGI_ECHO, mode: '755' },
  '/root/srv/bin/headers.sh': { content: HEADERS_ECHO, mode: '755' },
  '/root/srv/bin/ws-echo.sh': { content: WS_ECHO, mode: '755' },
};

// The docker commands a learner would type, with the files above mounted from /root/srv.
export const RUN = {
  site: (port: number, name = 'site') =>
    `docker run -d --name ${name} -p ${port}:80 -v /root/srv/www:/www busybox httpd -f -p 80 -h /www`,
  headers: (port: number, name = 'headers') =>
    `docker run -d --name ${name} -p ${port}:80 -v /root/srv/bin:/srv busybox nc -ll -p 80 -e /srv/headers.sh`,
  wsEcho: (port: number, name = 'ws-echo') =>
    `docker run -d --name ${name} -p ${port}:80 -v /root/srv/bin:/srv busybox nc -ll -p 80 -e /srv/ws-echo.sh`,
};

export async function installInnerServers(engine: Engine, containerId: string): Promise<void> {
  for (const [path, { content, mode }] of Object.entries(FILES)) {
    const res = await engine.exec(
      containerId,
      ['sh', '-c', 'mkdir -p "$(dirname "$1")" && cat > "$1" && chmod "$2" "$1"', 'sh', path, mode],
      { timeoutMs: 15_000, stdin: content },
    );
    if (res.exitCode !== 0) throw new Error(`could not write ${path}: ${res.output}`);
  }
}
