import fs from 'node:fs/promises';
import { info, sh, step } from '../sandbox-agent/src/host/index.ts';
import { CliError } from './cli-error.ts';

// What each command needs from the host's package manager (Debian/Ubuntu names).
export const RUNTIME_PACKAGES = [
  'docker.io',
  'redis-server',
  'mmdebstrap',
  'busybox-static',
  'iptables',
  'e2fsprogs',
  'curl',
  'ca-certificates',
  'docker-registry',
  // apt-ftparchive: the indexes of the offline apt archive (sandbox-agent/src/host/apt-archive.ts).
  'apt-utils',
];
export const TEST_PACKAGES = ['chromium', 'postgresql', 'haproxy'];

async function osRelease(): Promise<Record<string, string>> {
  const text = await fs.readFile('/etc/os-release', 'utf8').catch(() => '');
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => {
        const i = l.indexOf('=');
        return [l.slice(0, i), l.slice(i + 1).replace(/^"|"$/g, '')];
      }),
  );
}

// dpkg-query's own format syntax (not a template literal placeholder).
const DPKG_STATUS = '$' + '{Status}';

async function missingPackages(pkgs: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const p of pkgs) {
    const status = await sh('dpkg-query', ['-W', `-f=${DPKG_STATUS}`, p]).catch(() => '');
    if (!status.includes('install ok installed')) missing.push(p);
  }
  return missing;
}

export async function ensurePrerequisites(pkgs: string[]): Promise<void> {
  const os = await osRelease();
  const family = `${os.ID ?? ''} ${os.ID_LIKE ?? ''}`;
  if (process.platform !== 'linux' || !/debian|ubuntu/.test(family)) {
    throw new CliError(
      `Berth installs its own prerequisites on Debian or Ubuntu only (this is ${os.PRETTY_NAME ?? process.platform}).\n` +
        `  On other systems install by hand: ${pkgs.join(', ')}; then run this command again.`,
    );
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new CliError(
      'Berth must run as root: it starts a dedicated Docker engine for sandboxes and writes firewall rules.\n' +
        '  Run it again with sudo (e.g. `sudo ./berth up`).',
    );
  }
  const missing = await missingPackages(pkgs);
  if (!missing.length) return;
  await step(`Installing ${missing.join(', ')} with apt`, async () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await sh('apt-get', ['update', '-qq'], { env });
    await sh('apt-get', ['install', '-y', '-qq', ...missing], { env });
  });
  const still = await missingPackages(missing);
  if (still.length) throw new CliError(`apt could not install: ${still.join(', ')}`);
  info(`installed ${missing.length} package(s)`);
  // Berth runs these itself with its own settings (the sandbox engine, the read-only mirror, Redis on
  // loopback): the distribution's services would be open to the LAN (a writable registry on :5000).
  for (const service of ['docker-registry', 'redis-server']) {
    if (missing.includes(service)) {
      await sh('systemctl', ['disable', '--now', `${service}.service`]).catch(() => '');
      await sh('service', [service, 'stop']).catch(() => '');
    }
  }
}
