import { readFileSync } from 'node:fs';
import type { ContainerSpec } from '../docker/engine.ts';
import { APT_HOST } from '../network/sandbox-dns.ts';

// How one node container is built — every sandbox node, and the image store's builder too: Docker-in-Docker
// on the userns-remapped sandbox engine (host/sandbox-engine.ts), with a reduced capability set, the
// seccomp profile node-seccomp.json and the limits from the agent's config.

export interface NodeLimits {
  memoryMb: number;
  cpus: number;
  pids: number;
}

// Enough for dockerd + runc + networking inside the node's own user namespace, and no more.
export const NODE_CAPABILITIES = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
  'SYS_ADMIN',
  'NET_ADMIN',
  // runc joins a container's namespaces through /proc/<pid>/ns, which for a process of another uid (the
  // postgres or redis user, --user nobody) needs ptrace access: without it `docker exec` into such a
  // container fails with "setns process: exit status 1". It acts only inside the node's own user and
  // PID namespaces.
  'SYS_PTRACE',
];

// Allow by default (the inner dockerd and runc need mount, unshare, pivot_root…); EPERM for kernel-wide
// calls (modules, kexec, reboot, clock, swap, perf, bpf…); ENOSYS for keyctl so runc inside falls back.
// The Engine API takes the profile's JSON text, not a path.
export const NODE_SECCOMP_PROFILE = JSON.stringify(
  JSON.parse(readFileSync(new URL('./node-seccomp.json', import.meta.url), 'utf8')),
);

// The name a node's engine uses for the course image mirror (see berth-node-init).
export const MIRROR_HOST = 'berth-mirror';

export function nodeContainerSpec(input: {
  name: string;
  hostname: string;
  image: string;
  networkName: string;
  labels: Record<string, string>;
  limits: NodeLimits;
  dockerDataDir: string;
  homeDir: string;
  // The upper layer of the node's writable root (images/node/berth-writable-root), on the sandbox's disk.
  rootDir: string;
  cgroupParent: string;
  // The shared read-only image store (image-store.ts), as a bind spec; none for the store's own builder.
  imageStoreBind?: string;
  // The host's address on the sandbox network, and the course image mirror's port there.
  gateway: string;
  mirrorPort: number;
}): ContainerSpec {
  const { limits } = input;
  // @types/dockerode predates CgroupnsMode (Engine API 1.41); the engine accepts it.
  const hostConfig: NonNullable<ContainerSpec['HostConfig']> & { CgroupnsMode: 'private' } = {
    CgroupnsMode: 'private',
    Init: true,
    CapDrop: ['ALL'],
    CapAdd: NODE_CAPABILITIES,
    SecurityOpt: ['apparmor=unconfined', `seccomp=${NODE_SECCOMP_PROFILE}`],
    // The per-sandbox host cgroup (node-cgroups.ts): outside the node's cgroup namespace, limits owned by host root.
    CgroupParent: input.cgroupParent,
    // "systempaths=unconfined": the inner engine mounts fresh /proc for its containers, which the kernel
    // refuses while parts of /proc are masked. Safe here only because of the user namespace.
    MaskedPaths: [],
    ReadonlyPaths: [],
    Memory: limits.memoryMb * 1024 * 1024,
    MemorySwap: limits.memoryMb * 1024 * 1024,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
    // Read-only image: the only writable places are these capped tmpfs and the sandbox's own disk, which
    // also holds the upper layer the node's init lays over this root to make it writable (rootDir).
    ReadonlyRootfs: true,
    Tmpfs: {
      '/run': 'rw,nosuid,size=64m',
      // Executable like a real host's /tmp (scripts, test binaries); still capped.
      '/tmp': 'rw,nosuid,exec,size=256m',
      '/var/tmp': 'rw,nosuid,size=64m',
    },
    Binds: [
      `${input.dockerDataDir}:/var/lib/docker`,
      `${input.homeDir}:/root`,
      `${input.rootDir}:/.berth-rw`,
      ...(input.imageStoreBind ? [input.imageStoreBind] : []),
    ],
    NetworkMode: input.networkName,
    // The gateway's port 53 goes to the agent's NXDOMAIN responder (sandbox-dns.ts): an image from an unknown
    // registry fails in milliseconds, not a 20 s timeout. (Docker replaces a loopback resolver with 8.8.8.8.)
    Dns: [input.gateway],
    // berth-apt: the offline apt archive (also answered by the sandbox DNS, for the node's own containers).
    ExtraHosts: [`${MIRROR_HOST}:${input.gateway}`, `${APT_HOST}:${input.gateway}`],
    RestartPolicy: { Name: 'no' },
    LogConfig: { Type: 'local', Config: { 'max-size': '2m', 'max-file': '2' } },
  };
  return {
    name: input.name,
    Hostname: input.hostname,
    Image: input.image,
    Labels: input.labels,
    Env: [`BERTH_MIRROR=${MIRROR_HOST}:${input.mirrorPort}`],
    Tty: false,
    OpenStdin: false,
    HostConfig: hostConfig,
  };
}
