import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentConfig } from '../config.ts';
import type { PullThroughConfig } from '../pull-through/pull-through-server.ts';
import { startDetached, stopDetached } from './detached-process.ts';
import { step } from './progress.ts';

// The pull-through processes of an online host (pull-through/pull-through-main.ts): one for the image mirror,
// one for the apt archive, each started with its own config file (root-only: it may hold the upstream
// registry's password) and restarted when that changes. Off unless the upstream settings are set.

type Kind = PullThroughConfig['kind'];

const service = (kind: Kind) => ({
  configFile: `/etc/berth/pull-through-${kind}.json`,
  pidfile: `/run/berth/pull-through-${kind}.pid`,
  log: `/var/log/berth-pull-through-${kind}.log`,
});

const MAIN = fileURLToPath(new URL('../pull-through/pull-through-main.ts', import.meta.url));
// tsx is resolved from the repository's node_modules.
const REPO = fileURLToPath(new URL('../../..', import.meta.url));

export interface UpstreamRegistrySettings {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  refreshSeconds: number;
}

export function upstreamRegistry(c: AgentConfig): UpstreamRegistrySettings | undefined {
  if (!c.BERTH_UPSTREAM_REGISTRY) return undefined;
  return {
    url: c.BERTH_UPSTREAM_REGISTRY,
    username: c.BERTH_UPSTREAM_REGISTRY_USERNAME,
    password: c.BERTH_UPSTREAM_REGISTRY_PASSWORD,
    refreshSeconds: c.BERTH_UPSTREAM_REFRESH_SECONDS,
  };
}

export interface UpstreamDebianSettings {
  url: string;
  keyring: string;
  refreshSeconds: number;
}

export function upstreamDebianMirror(c: AgentConfig): UpstreamDebianSettings | undefined {
  if (!c.BERTH_UPSTREAM_DEBIAN_MIRROR) return undefined;
  return {
    url: c.BERTH_UPSTREAM_DEBIAN_MIRROR,
    keyring: c.BERTH_UPSTREAM_DEBIAN_KEYRING,
    refreshSeconds: c.BERTH_UPSTREAM_REFRESH_SECONDS,
  };
}

export async function ensurePullThrough(
  config: PullThroughConfig,
  answers: () => Promise<boolean>,
): Promise<void> {
  const s = service(config.kind);
  const wanted = `${JSON.stringify(config, null, 2)}\n`;
  const current = await fsp.readFile(s.configFile, 'utf8').catch(() => '');
  if (current === wanted && (await answers())) return;
  const what = config.kind === 'registry' ? 'image mirror' : 'apt archive';
  await step(
    `Starting the ${what}'s pull-through from ${config.upstream} on port ${config.port} (sandboxes only)`,
    async () => {
      await stopDetached(s);
      await fsp.mkdir(path.dirname(s.configFile), { recursive: true });
      await fsp.mkdir(config.cacheDir, { recursive: true });
      await fsp.writeFile(s.configFile, wanted, { mode: 0o600 });
      await fsp.chmod(s.configFile, 0o600);
      const args = ['--import', 'tsx', MAIN, s.configFile];
      await startDetached(s, process.execPath, args, answers, {
        cwd: REPO,
        what: `the ${what}'s pull-through`,
      });
    },
  );
}

// With the upstream setting unset again: the process goes, its cache stays (delete it by hand if wanted).
export async function stopPullThrough(kind: Kind): Promise<void> {
  const s = service(kind);
  await stopDetached(s);
  await fsp.rm(s.configFile, { force: true });
}
