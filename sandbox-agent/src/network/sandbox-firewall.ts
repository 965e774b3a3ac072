import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Every sandbox bridge is named bth-*; the sandbox engine runs with iptables:false, so these rules
// are the whole story: sandboxes reach neither host services nor each other nor anything off the host.
export const SANDBOX_BRIDGE_PREFIX = 'bth-';
const IFACE = `${SANDBOX_BRIDGE_PREFIX}+`;
const CHAIN = 'BERTH-SANDBOX';

async function ipt(bin: string, args: string[]): Promise<boolean> {
  try {
    await run(bin, ['-w', ...args]);
    return true;
  } catch {
    return false;
  }
}

// Inserts a rule (a jump into one of our chains) at the top unless it is already there.
async function ensureRule(bin: string, rule: string[]): Promise<void> {
  if (!(await ipt(bin, ['-C', ...rule]))) await ipt(bin, ['-I', ...rule]);
}

// The chain's rules are replaced in one iptables-restore transaction: flushing and re-adding them one by
// one would leave the sandbox bridges open for a moment every time the agent starts.
function restore(bin: string, rules: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(`${bin}-restore`, ['-w', '--noflush'], (err) => (err ? reject(err) : resolve()));
    child.stdin?.end(rules);
  });
}

async function ensureChain(bin: string, ports?: SandboxPorts): Promise<void> {
  const { mirror: allowMirrorPort, dns: dnsPort, apt: aptPort } = ports ?? {};
  const rules = [
    '*filter',
    `:${CHAIN} - [0:0]`,
    `-A ${CHAIN} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT`,
    // With br_netfilter loaded, traffic between the nodes of ONE sandbox (same bridge) passes FORWARD too.
    `-A ${CHAIN} -m physdev --physdev-is-bridged -j ACCEPT`,
    // The mirror on this host only: the chain also sees FORWARD, where a bare --dport would let that port
    // through to any machine the host can route to.
    ...(allowMirrorPort
      ? [`-A ${CHAIN} -p tcp --dport ${allowMirrorPort} -m addrtype --dst-type LOCAL -j ACCEPT`]
      : []),
    // Nodes use their gateway as resolver; port 53 is redirected (nat below) to the agent's NXDOMAIN
    // responder (sandbox-dns.ts), so an unknown registry fails in milliseconds. Nothing leaves the host.
    ...(dnsPort ? [`-A ${CHAIN} -p udp --dport ${dnsPort} -m addrtype --dst-type LOCAL -j ACCEPT`] : []),
    // The offline apt archive (sandboxes ask for port 80 of their gateway; nat below redirects it here).
    ...(aptPort ? [`-A ${CHAIN} -p tcp --dport ${aptPort} -m addrtype --dst-type LOCAL -j ACCEPT`] : []),
    `-A ${CHAIN} -j DROP`,
    'COMMIT',
    '',
  ].join('\n');
  await restore(bin, rules);
  for (const [chain, dir] of [
    ['INPUT', '-i'],
    ['FORWARD', '-i'],
    ['FORWARD', '-o'],
  ] as const) {
    const rule = [chain, dir, IFACE, '-j', CHAIN];
    await ensureRule(bin, rule);
  }
}

// Host services for sandboxes (the mirror, the DNS responder) listen on all interfaces, since their
// address differs per sandbox bridge; only loopback and the sandbox bridges may reach them — never the LAN.
// Each service has its own guard chain (the same three rules), so moving one port leaves the others'.
export async function ensureSandboxOnlyPort(
  port: number,
  proto: 'tcp' | 'udp' = 'tcp',
  guard: 'BERTH-MIRROR' | 'BERTH-APT' = 'BERTH-MIRROR',
): Promise<void> {
  for (const bin of ['iptables', 'ip6tables']) {
    await restore(
      bin,
      [
        '*filter',
        `:${guard} - [0:0]`,
        `-A ${guard} -i lo -j RETURN`,
        `-A ${guard} -i ${IFACE} -j RETURN`,
        `-A ${guard} -j DROP`,
        'COMMIT',
        '',
      ].join('\n'),
    );
    const rule = ['INPUT', '-p', proto, '--dport', String(port), '-j', guard];
    await ensureRule(bin, rule);
    // A rule for an earlier mirror port goes only after the new one is in place.
    const { stdout } = await run(bin, ['-w', '-S', 'INPUT']);
    for (const line of stdout.split('\n')) {
      if (
        line.includes(`-j ${guard}`) &&
        line.includes(`-p ${proto}`) &&
        !line.includes(`--dport ${port} `)
      ) {
        await ipt(bin, ['-D', ...line.replace(/^-A /, '').split(' ')]);
      }
    }
  }
}

// A well-known port of every sandbox gateway, redirected to the host service that listens elsewhere.
async function ensureRedirect(chain: string, proto: 'tcp' | 'udp', from: number, to: number): Promise<void> {
  await restore(
    'iptables',
    [
      '*nat',
      `:${chain} - [0:0]`,
      `-A ${chain} -p ${proto} --dport ${from} -m addrtype --dst-type LOCAL -j REDIRECT --to-ports ${to}`,
      'COMMIT',
      '',
    ].join('\n'),
  );
  const rule = ['PREROUTING', '-t', 'nat', '-i', IFACE, '-j', chain];
  await ensureRule('iptables', rule);
}

// The host services sandboxes may reach; apt is absent where the archive is not served (older callers).
export interface SandboxPorts {
  mirror: number;
  dns: number;
  apt?: number;
}

export async function ensureSandboxFirewall(ports: SandboxPorts): Promise<void> {
  await ensureChain('iptables', ports);
  await ensureRedirect('BERTH-SANDBOX-DNS', 'udp', 53, ports.dns);
  await ensureSandboxOnlyPort(ports.dns, 'udp');
  // apt sources say http://berth-apt/ (port 80), whatever BERTH_APT_PORT is.
  if (ports.apt) await ensureRedirect('BERTH-SANDBOX-APT', 'tcp', 80, ports.apt);
  await ensureChain('ip6tables');
}

export async function describeSandboxFirewall(bin: 'iptables' | 'ip6tables' = 'iptables'): Promise<string> {
  const { stdout } = await run(bin, ['-w', '-S']);
  return stdout
    .split('\n')
    .filter((l) => l.includes(CHAIN))
    .join('\n');
}
