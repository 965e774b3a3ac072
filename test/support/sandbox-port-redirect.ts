import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bridgeName } from '../../sandbox-agent/src/sandboxes/sandbox-names.ts';

const run = promisify(execFile);

// Every rule made here carries this comment, so a run that was killed before its undo (its sandboxes long
// gone) leaves nothing that clearTestRedirects() at the next start does not find.
const TAG = 'berth-test-redirect';

/** Deletes every rule a redirectSandboxPort() left behind (a killed run never called its undo). */
export async function clearTestRedirects(): Promise<void> {
  for (const [table, chain] of [
    ['nat', 'PREROUTING'],
    ['filter', 'INPUT'],
  ] as const) {
    const { stdout } = await run('iptables', ['-w', '-t', table, '-S', chain]);
    for (const line of stdout.split('\n').filter((l) => l.includes(TAG))) {
      const spec = line.replace(/^-A /, '').match(/"[^"]*"|\S+/g) ?? [];
      await run('iptables', ['-w', '-t', table, '-D', ...spec.map((a) => a.replace(/^"|"$/g, ''))]);
    }
  }
}

// Points one sandbox's gateway port `from` (the image mirror's, apt's 80) at a test server on port `to`,
// for that sandbox's bridge only: the host's own mirror and archive, and every other sandbox, are left as
// they are. The firewall admits `to` from that bridge alone. Returns the undo.
export async function redirectSandboxPort(
  sandboxId: string,
  from: number,
  to: number,
): Promise<() => Promise<void>> {
  const bridge = bridgeName(sandboxId);
  const local = ['-m', 'addrtype', '--dst-type', 'LOCAL', '-m', 'comment', '--comment', TAG];
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
