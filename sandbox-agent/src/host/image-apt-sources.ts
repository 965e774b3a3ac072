import { type AgentConfig, agentConfig } from '../config.ts';

// THE one place that says where the course images' apt looks for packages: written into the debian
// images (and so into every image built on them) as /etc/apt/sources.list. Today that is the Debian
// mirror the images are built from; a package archive for sandboxes replaces the URL here.
export function imageAptSources(suite: string, c: AgentConfig = agentConfig()): string {
  return `deb ${c.BERTH_DEBIAN_MIRROR} ${suite} main\n`;
}

// The mmdebstrap option that writes it into a root filesystem.
export function aptSourcesHook(suite: string): string {
  const line = imageAptSources(suite).trim().replace(/'/g, '');
  return `--customize-hook=echo '${line}' > "$1/etc/apt/sources.list"`;
}
