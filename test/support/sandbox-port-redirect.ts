import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bridgeName } from '../../sandbox-agent/src/sandboxes/sandbox-names.ts';

const run = promisify(execFile);

// Points one sandbox's gateway port `from` (the image mirror's, apt's 80) at a test server on port `to`,
// for that sandbox's bridge only: the host's own mirror and archive, and every other sandbox, are left as
// they are. The firewall admits `to` from that bridge alone. Returns the undo.
export async function redirectSandboxPort(
  sandboxId: string,
  from: number,
  to: number,
): Promise<() => Promise<void>> {
  const bridge = bridgeName(sandboxId);
  const local = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
  const rules = [
    [
      '-t',
      'nat',
      '{}',
      'PREROUTING',
      '-i',
      bridge,
      '-p',
      'tcp',
      '--dport',
      `${from}`,
      ...local,
      '-j',
      'REDIRECT',
      '--to-ports',
      `${to}`,
    ],
    ['-t', 'filter', '{}', 'INPUT', '-i', bridge, '-p', 'tcp', '--dport', `${to}`, ...local, '-j', 'ACCEPT'],
  ];
  const apply = (op: string) => (rule: string[]) =>
    run('iptables', ['-w', ...rule.map((a) => (a === '{}' ? op : a))]);
  for (const rule of rules) await apply('-I')(rule);
  return async () => {
    for (const rule of rules) await apply('-D')(rule).catch(() => {});
  };
}
