import type dgram from 'node:dgram';
import { startSandboxDns } from './sandbox-dns.ts';
import { ensureSandboxFirewall, type SandboxPorts } from './sandbox-firewall.ts';

// What any process that starts sandboxes needs on the host first: the firewall (with the mirror and DNS
// ports) and the NXDOMAIN responder those DNS queries are redirected to. Close the socket when done.
export async function prepareSandboxNetwork(ports: SandboxPorts): Promise<dgram.Socket> {
  await ensureSandboxFirewall(ports);
  return startSandboxDns(ports.dns);
}
