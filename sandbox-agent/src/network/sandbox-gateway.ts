import os from 'node:os';
import { SANDBOX_BRIDGE_PREFIX } from './sandbox-firewall.ts';

const toInt = (ip: string) => ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;

// The host's address on the sandbox bridge whose subnet holds `source` (a node, or an inner container
// masqueraded behind its node): the gateway that sandbox reaches host services through. Undefined for
// anything that is not on a sandbox bridge.
export function sandboxGatewayFor(
  source: string,
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): string | undefined {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(source)) return undefined;
  for (const [name, addrs] of Object.entries(interfaces)) {
    if (!name.startsWith(SANDBOX_BRIDGE_PREFIX)) continue;
    for (const a of addrs ?? []) {
      if (a.family !== 'IPv4' || !a.cidr) continue;
      const bits = Number(a.cidr.split('/')[1]);
      const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
      if ((toInt(a.address) & mask) >>> 0 === (toInt(source) & mask) >>> 0) return a.address;
    }
  }
  return undefined;
}
