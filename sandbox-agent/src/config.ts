import path from 'node:path';
import { z } from 'zod';
import { agentIdSchema } from '../../contract/ids.ts';

// The agent's own settings (README "Configuration"): its worker host, its sandboxes' limits and how it
// reaches the control plane. Parsed once from the environment, typed and frozen; the token is redacted
// by redactAgentConfig(). It reads no database or Redis settings: those belong to the control plane.
const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const int = (def: number) => z.coerce.number().int().nonnegative().default(def);
// An optional setting that an empty value also leaves unset (`BERTH_UPSTREAM_REGISTRY=` turns it off).
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const fields = z.object({
  BERTH_HOME: z.string().default(path.resolve(process.cwd(), '.berth')),
  // The web server's port: only the default of BERTH_CONTROL_URL (the single-host setup).
  PORT: int(3000),
  BERTH_AGENT_URL: z.string().url().default('http://127.0.0.1:3101'),
  BERTH_AGENT_PORT: int(3101),
  BERTH_AGENT_TOKEN: z.string().min(16).optional(),
  BERTH_AGENT_ID: agentIdSchema.default('local'),
  BERTH_CONTROL_URL: z.string().url().optional(),
  // false: serve the API without registering anywhere (`./berth lessons verify` runs its agent so).
  BERTH_AGENT_REGISTER: bool.default(true),
  BERTH_AGENT_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5000),
  BERTH_ENGINE_SOCKET: z.string().min(1).default('/run/berth/engine.sock'),
  BERTH_NODE_IMAGE: z.string().min(1).default('berth/node:latest'),
  // The shared read-only course image store (sandboxes/image-store.ts); `current` in it is what new sandboxes get.
  BERTH_IMAGE_STORE_ROOT: z.string().min(1).default('/var/lib/berth/image-store'),
  BERTH_SANDBOX_MEMORY_MB: int(1536),
  BERTH_SANDBOX_CPUS: z.coerce.number().positive().default(1),
  BERTH_SANDBOX_PIDS: int(1024),
  BERTH_SANDBOX_DISK_MB: int(4096),
  // What a sandbox is expected to write at most, for admission (sandboxes/disk-room.ts); ≥ the disk size
  // promises every disk in full.
  BERTH_SANDBOX_DISK_EXPECTED_MB: z.coerce.number().int().positive().default(1536),
  BERTH_DISK_RESERVE_MB: int(1024),
  BERTH_MAX_SANDBOXES: int(40),
  BERTH_REPLAY_BUFFER_BYTES: int(256 * 1024),
  // The course image mirror on this host, reachable from sandboxes only (through their gateway).
  BERTH_MIRROR_PORT: int(5480),
  // The NXDOMAIN responder for sandboxes (their port 53 is redirected to it).
  BERTH_SANDBOX_DNS_PORT: int(5453),
  // The offline Debian package archive on this host, reachable from sandboxes only (as http://berth-apt/).
  BERTH_APT_PORT: int(5481),
  // Where `./berth images` gets the Debian packages the images are made of.
  BERTH_DEBIAN_MIRROR: z.string().url().default('http://deb.debian.org/debian'),
  // Online hosts only (off by default): the image mirror pulls what it does not hold through from this
  // registry (e.g. https://registry-1.docker.io) and caches it; sandboxes still reach only the mirror.
  BERTH_UPSTREAM_REGISTRY: optional(z.string().url()),
  BERTH_UPSTREAM_REGISTRY_USERNAME: optional(z.string().min(1)),
  BERTH_UPSTREAM_REGISTRY_PASSWORD: optional(z.string().min(1)),
  // Online hosts only (off by default): the apt archive serves this Debian mirror, pulled through and cached.
  BERTH_UPSTREAM_DEBIAN_MIRROR: optional(z.string().url()),
  // The keys its suites' InRelease must be signed with (sandboxes trust what the pull-through serves).
  BERTH_UPSTREAM_DEBIAN_KEYRING: z.string().min(1).default('/usr/share/keyrings/debian-archive-keyring.gpg'),
  // How long a tag or an apt index from upstream is served from the cache before upstream is asked again.
  BERTH_UPSTREAM_REFRESH_SECONDS: int(600),
});

// The environment variables the agent reads (README "Configuration" documents each).
export const AGENT_ENV_VARS = Object.keys(fields.shape);

export const agentConfigSchema = fields.transform((c) => ({
  ...c,
  BERTH_AGENT_URL: c.BERTH_AGENT_URL.replace(/\/$/, ''),
  BERTH_CONTROL_URL: (c.BERTH_CONTROL_URL ?? `http://127.0.0.1:${c.PORT}`).replace(/\/$/, ''),
  // Each sandbox's disk, terminal journals and nothing else live here (sandbox-disk.ts).
  sandboxesDir: path.join(c.BERTH_HOME, 'sandboxes'),
}));

export type AgentConfig = Readonly<z.infer<typeof agentConfigSchema>>;

export function loadAgentConfig(env: Record<string, string | undefined> = process.env): AgentConfig {
  const parsed = agentConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid agent configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

let cached: AgentConfig | undefined;

export function agentConfig(): AgentConfig {
  cached ??= loadAgentConfig();
  return cached;
}

const SECRETS = new Set(['BERTH_AGENT_TOKEN', 'BERTH_UPSTREAM_REGISTRY_PASSWORD']);

export function redactAgentConfig(c: AgentConfig): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, SECRETS.has(k) && v ? '***' : v]));
}
