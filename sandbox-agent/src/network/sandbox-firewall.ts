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

// The chain's rules are replaced in one iptables-restore transaction: flushing and re-adding them one by
// one would leave the sandbox bridges open for a moment every time the agent starts.
function restore(bin: string, rules: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(`${bin}-restore`, ['-w', '--noflush'], (err) => (err ? reject(err) : resolve()));
    child.stdin?.end(rules);
  });
}

async function ensureChain(bin: string, allowMirrorPort?: number): Promise<void> {
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
    if (!(await ipt(bin, ['-C', ...rule]))) await ipt(bin, ['-I', ...rule]);
  }
}

export async function ensureSandboxFirewall(opts: { mirrorPort?: number } = {}): Promise<void> {
  await ensureChain('iptables', opts.mirrorPort);
  await ensureChain('ip6tables');
}

export async function describeSandboxFirewall(bin: 'iptables' | 'ip6tables' = 'iptables'): Promise<string> {
  const { stdout } = await run(bin, ['-w', '-S']);
  return stdout
    .split('\n')
    .filter((l) => l.includes(CHAIN))
    .join('\n');
}
