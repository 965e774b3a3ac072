import dgram from 'node:dgram';

// The only DNS server a sandbox can reach: it answers every query at once with NXDOMAIN. Sandboxes have
// no internet, and Docker 20.10's embedded resolver never answers when its upstream is unreachable, so
// without this a pull from an unknown registry waits ~20 s for a timeout. Names inside a sandbox
// (node1, containers on user-defined networks, berth-mirror) are resolved before they ever get here.
// Port 53 on the sandbox bridges is redirected here by the firewall (sandbox-firewall.ts).

const NXDOMAIN = 3;

// Header + the first question of the query, flagged as a response; undefined for anything malformed.
export function nxdomainAnswer(query: Buffer): Buffer | undefined {
  if (query.length < 12 || query.readUInt16BE(4) < 1 || (query[2]! & 0x80) !== 0) return undefined;
  let i = 12;
  while (i < query.length && query[i] !== 0) {
    if ((query[i]! & 0xc0) !== 0) return undefined; // no compression in a question we did not ask
    i += query[i]! + 1;
  }
  const end = i + 1 + 4; // root label, QTYPE, QCLASS
  if (end > query.length) return undefined;
  const answer = Buffer.from(query.subarray(0, end));
  answer[2] = 0x80 | (query[2]! & 0x79); // QR, same opcode and RD; AA and TC clear
  answer[3] = 0x80 | NXDOMAIN; // RA
  answer.writeUInt16BE(1, 4);
  answer.writeUInt16BE(0, 6);
  answer.writeUInt16BE(0, 8);
  answer.writeUInt16BE(0, 10);
  return answer;
}

export function startSandboxDns(port: number): Promise<dgram.Socket> {
  // reuseAddr: two agents on one host (or a restarting one) may both serve; the kernel picks one.
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  socket.on('message', (msg, from) => {
    const answer = nxdomainAnswer(msg);
    if (answer) socket.send(answer, from.port, from.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '0.0.0.0', () => {
      socket.off('error', reject);
      socket.on('error', (e) => console.error('[agent] sandbox dns', e));
      resolve(socket);
    });
  });
}
