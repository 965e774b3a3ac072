import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// One ssh key pair per sandbox, made when it starts and never shared: every node of the sandbox gets it as
// root's key and authorized key, so `ssh node2` from node1 logs in without a password (the nodes' sshd takes
// keys only, see sandbox-agent/images/node/sshd.conf). Another sandbox holds a different key and cannot
// reach these nodes anyway (sandbox-agent/src/network/sandbox-firewall.ts).
export interface SandboxSshKey {
  priv: Buffer;
  pub: Buffer;
}

// Made while the sandbox's disk is being made, written onto it once it is there (installSandboxSshKey).
export async function makeSandboxSshKey(sandboxId: string): Promise<SandboxSshKey> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-ssh-'));
  try {
    const key = path.join(tmp, 'id_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `berth-${sandboxId}`, '-f', key]);
    const [priv, pub] = await Promise.all([fs.readFile(key), fs.readFile(`${key}.pub`)]);
    return { priv, pub };
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

export async function installSandboxSshKey(input: {
  key: SandboxSshKey;
  homeDirs: string[];
  rootUid: number;
}): Promise<void> {
  const { priv, pub } = input.key;
  for (const home of input.homeDirs) {
    const dir = path.join(home, '.ssh');
    await fs.mkdir(dir, { mode: 0o700 });
    const files: [string, Buffer, number][] = [
      ['id_ed25519', priv, 0o600],
      ['id_ed25519.pub', pub, 0o644],
      ['authorized_keys', pub, 0o600],
    ];
    for (const [name, content, mode] of files) {
      await fs.writeFile(path.join(dir, name), content, { mode });
      await fs.chown(path.join(dir, name), input.rootUid, input.rootUid);
    }
    await fs.chown(dir, input.rootUid, input.rootUid);
  }
}
