import dgram from 'node:dgram';
import { sandboxGatewayFor } from './sandbox-gateway.ts';

// The only DNS server a sandbox can reach: it answers every query at once with NXDOMAIN, except
// APT_HOST (the offline apt archive, images/apt/), which is the asking sandbox's own gateway. Sandboxes have
// no internet, and Docker 20.10's embedded resolver never answers when its upstream is unreachable, so
// without this a pull from an unknown registry waits ~20 s for a timeout. Names inside a sandbox
// (node1, containers on user-defined networks, berth-mirror) are resolved before they ever get here.
// Port 53 on the sandbox bridges is redirected here by the firewall (sandbox-firewall.ts).

const NXDOMAIN = 3;
const TYPE_A = 1;
export const APT_HOST = 'berth-apt';

// The question's name in lower case, its type and where the question ends; undefined when malformed.
function question(query: Buffer): { name: string; type: number; end: number } | undefined {
  if (query.length < 12 || query.readUInt16BE(4) < 1 || (query[2]! & 0x80) !== 0) return undefined;
  const labels: string[] = [];
  let i = 12;
  while (i < query.length && query[i] !== 0) {
    if ((query[i]! & 0xc0) !== 0) return undefined; // no compression in a question we did not ask
    labels.push(query.subarray(i + 1, i + 1 + query[i]!).toString('latin1'));
    i += query[i]! + 1;
  }
  const end = i + 1 + 4; // root label, QTYPE, QCLASS
  if (end > query.length) return undefined;
  return { name: labels.join('.').toLowerCase(), type: query.readUInt16BE(i + 1), end };
}

// The header and first question of `query`, flagged as a response with `rcode` and `answers` records.
function reply(query: Buffer, end: number, rcode: number, answers: number): Buffer {
  const answer = Buffer.from(query.subarray(0, end));
  answer[2] = 0x80 | (query[2]! & 0x79); // QR, same opcode and RD; AA and TC clear
  answer[3] = 0x80 | rcode; // RA
  answer.writeUInt16BE(1, 4);
  answer.writeUInt16BE(answers, 6);
  answer.writeUInt16BE(0, 8);
  answer.writeUInt16BE(0, 10);
  return answer;
}

// APT_HOST has an A record (the gateway) and nothing else; every other name does not exist.
export function sandboxDnsAnswer(query: Buffer, gateway: string | undefined): Buffer | undefined {
  const q = question(query);
  if (!q) return undefined;
  if (q.name !== APT_HOST || !gateway) return reply(query, q.end, NXDOMAIN, 0);
  if (q.type !== TYPE_A) return reply(query, q.end, 0, 0);
  const record = Buffer.alloc(16);
  record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
  record.writeUInt16BE(TYPE_A, 2);
  record.writeUInt16BE(1, 4); // IN
  record.writeUInt32BE(60, 6); // TTL
  record.writeUInt16BE(4, 10);
  Buffer.from(gateway.split('.').map(Number)).copy(record, 12);
  return Buffer.concat([reply(query, q.end, 0, 1), record]);
}

// NXDOMAIN for any name, as answered to anything that is not a sandbox; undefined for anything malformed.
export function nxdomainAnswer(query: Buffer): Buffer | undefined {
  return sandboxDnsAnswer(query, undefined);
}

export function startSandboxDns(port: number): Promise<dgram.Socket> {
  // reuseAddr: two agents on one host (or a restarting one) may both serve; the kernel picks one.
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  socket.on('message', (msg, from) => {
    const answer = sandboxDnsAnswer(msg, sandboxGatewayFor(from.address));
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
