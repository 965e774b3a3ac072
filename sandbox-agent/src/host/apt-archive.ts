import fs from 'node:fs/promises';
import path from 'node:path';
import { agentConfig } from '../config.ts';
import { exists, hashOf } from './image-build-support.ts';
import { info, step } from './progress.ts';
import { sh } from './shell.ts';

// The offline Debian package archive for sandboxes: a curated set of packages (what lessons and common
// tutorials `apt-get install`) with their whole dependency closure, for each Debian release the course
// images and nodes use, laid out as an ordinary Debian repository under APT_ARCHIVE.root and served
// read-only by apt-archive-server.ts. Sandboxes' apt sources come from images/apt/.

export const APT_ARCHIVE = {
  root: '/var/lib/berth/apt',
  // What apt sees: http://berth-apt/debian dists/<suite> main.
  repo: '/var/lib/berth/apt/debian',
} as const;

export const APT_SUITES = ['bookworm', 'trixie'] as const;

// Every name must exist in every suite of APT_SUITES (mmdebstrap fails the build otherwise).
export const APT_CURATED_PACKAGES = [
  // network and shell tools
  'curl',
  'wget',
  'iputils-ping',
  'traceroute',
  'dnsutils',
  'net-tools',
  'iproute2',
  'iptables',
  'bridge-utils',
  'netcat-openbsd',
  'telnet',
  'tcpdump',
  'openssh-client',
  'ca-certificates',
  'apt-transport-https',
  'gnupg',
  'openssl',
  'procps',
  'psmisc',
  'lsof',
  'strace',
  'htop',
  'tree',
  'less',
  'file',
  'sudo',
  'cron',
  'rsync',
  'dialog',
  'apt-utils',
  'lsb-release',
  'tzdata',
  'locales',
  'gettext-base',
  'cgroup-tools',
  'stress',
  // editors
  'vim-tiny',
  'vim',
  'nano',
  // archives
  'unzip',
  'zip',
  'xz-utils',
  'bzip2',
  // development
  'git',
  'jq',
  'make',
  'gcc',
  'g++',
  'build-essential',
  'python3',
  'python3-pip',
  'python3-venv',
  'python3-flask',
  'sqlite3',
  // servers and clients that Dockerfile tutorials install
  'nginx',
  'apache2',
  'apache2-utils',
  'redis-tools',
  'postgresql-client',
  'default-mysql-client',
];

function suiteHash(suite: string): string {
  return hashOf(suite, agentConfig().BERTH_DEBIAN_MIRROR, APT_CURATED_PACKAGES.join(','));
}

const builtMarker = (suite: string) => path.join(APT_ARCHIVE.root, `built-${suite}`);

// The .deb files of the curated set and its closure. `?essential` and apt are included so a package whose
// dependencies need a newer essential package (perl → perl-base) finds it here too. The extract variant
// only downloads and unpacks (nothing is configured), which keeps this to well under a minute per suite.
async function downloadClosure(suite: string, pool: string): Promise<void> {
  const partial = `${pool}.partial`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.mkdir(path.dirname(partial), { recursive: true });
  await sh('mmdebstrap', [
    '--variant=extract',
    '--format=null',
    `--include=${[...APT_CURATED_PACKAGES, 'apt', '?essential'].join(',')}`,
    `--extract-hook=sync-out /var/cache/apt/archives ${partial}`,
    suite,
    '/dev/null',
    agentConfig().BERTH_DEBIAN_MIRROR,
  ]);
  for (const f of await fs.readdir(partial)) {
    if (!f.endsWith('.deb')) await fs.rm(path.join(partial, f), { recursive: true, force: true });
  }
  await fs.rm(pool, { recursive: true, force: true });
  await fs.rename(partial, pool);
}

// dists/<suite>/main/binary-amd64/Packages(.gz) and an unsigned Release: sources mark the archive
// `Trusted: yes` (images/apt/berth-offline.sources says why).
async function writeIndexes(suite: string): Promise<void> {
  const cwd = APT_ARCHIVE.repo;
  const dist = path.join(cwd, 'dists', suite);
  const binary = path.join(dist, 'main', 'binary-amd64');
  await fs.rm(dist, { recursive: true, force: true });
  await fs.mkdir(binary, { recursive: true });
  // Redirected by a shell: sh() mixes stderr (apt-ftparchive's warnings) into what it returns.
  const toFile = (args: string[], file: string) =>
    sh('sh', ['-c', 'out=$1; shift; apt-ftparchive "$@" >"$out"', 'sh', file, ...args], { cwd });
  await toFile(['packages', `pool/${suite}`], path.join(binary, 'Packages'));
  await sh('gzip', ['-9kn', path.join(binary, 'Packages')]);
  const fields = {
    Origin: 'Berth',
    Label: 'Berth offline archive',
    Suite: suite,
    Codename: suite,
    Architectures: 'amd64',
    Components: 'main',
    Description: `Berth's offline package archive for sandboxes: a curated set of Debian ${suite} packages`,
  };
  const opts = Object.entries(fields).flatMap(([k, v]) => ['-o', `APT::FTPArchive::Release::${k}=${v}`]);
  // Written beside dists/, not in it: the release command hashes what it finds there.
  const partial = path.join(cwd, `.Release-${suite}`);
  await toFile([...opts, 'release', `dists/${suite}`], partial);
  await fs.rename(partial, path.join(dist, 'Release'));
}

// The names a learner may install, at the archive's root (the apt hint points there).
async function writeCuratedList(): Promise<void> {
  await fs.writeFile(
    path.join(APT_ARCHIVE.root, 'packages.txt'),
    `${[...APT_CURATED_PACKAGES].sort().join('\n')}\n`,
  );
}

// Builds each suite's part of the archive unless its inputs are unchanged.
export async function buildAptArchive(force: boolean): Promise<void> {
  await fs.mkdir(APT_ARCHIVE.repo, { recursive: true });
  for (const suite of APT_SUITES) {
    const hash = suiteHash(suite);
    const built = await fs.readFile(builtMarker(suite), 'utf8').catch(() => '');
    const pool = path.join(APT_ARCHIVE.repo, 'pool', suite);
    if (!force && built.trim() === hash && (await exists(pool))) {
      info(`apt archive (${suite}): up to date`);
      continue;
    }
    await step(
      `Building the offline apt archive for ${suite} (${APT_CURATED_PACKAGES.length} packages and their dependencies)`,
      async () => {
        await downloadClosure(suite, pool);
        await writeIndexes(suite);
        await fs.writeFile(builtMarker(suite), `${hash}\n`);
      },
    );
  }
  await writeCuratedList();
}
