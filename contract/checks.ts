import { z } from 'zod';
import { answerProbeSchema } from './answers.ts';
import { checkMessageSchema } from './check-messages.ts';
import { nodeNameSchema } from './ids.ts';
import { containerLimitsSchema, containerNamespaceSchema } from './kernel-checks.ts';
import { scriptAssertionSchema } from './script-assertion.ts';

// Checks: the typed assertions a lesson makes about the learner's inner Docker engine (lessons declare
// them in YAML, the control plane sends them, the agent evaluates them) and what comes back.

const name = z.string().min(1).max(200);

// Which node's engine the assertion looks at (for http_responds: the node the request is sent from).
// Left out: the exercise's node. Lint checks that it is one of the lesson's nodes.
const node = nodeNameSchema.optional();

// An address inside the sandbox, e.g. http://node1:8080/ — checks never leave the sandbox's network anyway.
const httpUrl = z.url({ protocol: /^http$/, error: 'an http:// URL, e.g. http://node1:8080/' });

export const assertionSchema = z.discriminatedUnion('type', [
  // `subnet`: one of the network's subnets must be exactly this (as `docker network create --subnet` wrote it).
  z
    .object({
      type: z.literal('network_exists'),
      node,
      name,
      driver: z.string().optional(),
      subnet: z
        .string()
        .regex(/^[0-9a-f.:]+\/\d{1,3}$/i, 'a subnet in CIDR notation, e.g. "10.123.0.0/24"')
        .optional(),
    })
    .strict(),
  // `image`: the container must also have been created from that image (compared by id).
  // `publish`: it must also publish that port on the node, written like `docker run -p`: "5000:5000",
  // "8080:80", "53:53/udp" (host port : container port, tcp unless said), "127.0.0.1:8080:80" (bound to
  // that host address only; without one, any address the port is bound on counts).
  z
    .object({
      type: z.literal('container_running'),
      node,
      name,
      image: name.optional(),
      publish: z
        .string()
        .regex(
          /^(\d{1,3}(\.\d{1,3}){3}:)?\d{1,5}:\d{1,5}(\/(tcp|udp|sctp))?$/,
          '[host address :] host port : container port, e.g. "8080:80" or "127.0.0.1:8080:80"',
        )
        .optional(),
      // It must also have printed this text (stdout or stderr), per its logs (the last 2000 lines).
      logsInclude: z.string().min(1).optional(),
    })
    .strict(),
  z.object({ type: z.literal('container_on_network'), node, container: name, network: name }).strict(),
  // `sameAs`: the name must also point at the very image another name points at (by id), e.g. a second tag.
  z.object({ type: z.literal('image_exists'), node, name, sameAs: name.optional() }).strict(),
  z.object({ type: z.literal('volume_exists'), node, name }).strict(),
  z
    .object({
      type: z.literal('exec_succeeds'),
      node,
      container: name,
      command: z.array(z.string()).min(1),
      outputIncludes: z.string().optional(),
    })
    .strict(),
  // An HTTP GET sent from a node (not from a container): e.g. node2 fetching a port published on node1.
  z
    .object({
      type: z.literal('http_responds'),
      node,
      url: httpUrl,
      status: z.number().int().min(100).max(599).default(200),
      bodyIncludes: z.string().min(1).optional(),
    })
    .strict(),
  // A container that ran and finished: its exit code, and what it printed (stdout, stderr or either).
  z
    .object({
      type: z.literal('container_exited'),
      node,
      name,
      image: name.optional(),
      exitCode: z.number().int().min(0).max(255).default(0),
      outputIncludes: z.string().min(1).optional(),
      stream: z.enum(['stdout', 'stderr', 'any']).default('any'),
      // true: the kernel's out-of-memory killer ended it (State.OOMKilled); false: it did not.
      oomKilled: z.boolean().optional(),
    })
    .strict(),
  // A container that existed and was removed (`docker rm`, `rm -f`, `container prune`): the engine's
  // event log has its `destroy`, and no container by that name exists now. A fresh sandbox fails it.
  z.object({ type: z.literal('container_removed'), node, name }).strict(),
  // An image built on another: its layers start with all of the base's layers, and it adds at least one.
  z.object({ type: z.literal('image_based_on'), node, name, base: name }).strict(),
  // An image's layer count: exactly `count`, or within min..max.
  z
    .object({
      type: z.literal('image_layers'),
      node,
      name,
      count: z.number().int().min(1).optional(),
      min: z.number().int().min(1).optional(),
      max: z.number().int().min(1).optional(),
    })
    .strict(),
  // An image made by `docker import` of a file system archive (one layer, "Imported from …"), not a commit.
  z.object({ type: z.literal('image_imported'), node, name }).strict(),
  // A file's content: on the node, or inside a container (running or not), a volume or an image.
  z
    .object({
      type: z.literal('file_content'),
      node,
      path: z.string().regex(/^\//, 'an absolute path, e.g. /root/mynginx/Dockerfile'),
      container: name.optional(),
      volume: name.optional(),
      image: name.optional(),
      // The whole file, compared without surrounding whitespace; or a part of it.
      equals: z.string().optional(),
      includes: z.string().min(1).optional(),
    })
    .strict()
    .refine((a) => [a.container, a.volume, a.image].filter(Boolean).length <= 1, {
      error: 'at most one of container, volume, image',
    }),
  // A path that must NOT exist (no file, directory or link of that name): on the node, or inside a container,
  // a volume or an image — e.g. a file a .dockerignore kept out of a build.
  z
    .object({
      type: z.literal('file_absent'),
      node,
      path: z.string().regex(/^\//, 'an absolute path, e.g. /usr/share/nginx/html/draft.html'),
      container: name.optional(),
      volume: name.optional(),
      image: name.optional(),
    })
    .strict()
    .refine((a) => [a.container, a.volume, a.image].filter(Boolean).length <= 1, {
      error: 'at most one of container, volume, image',
    }),
  // A running container whose health check (HEALTHCHECK in its image, or --health-cmd) reports "healthy".
  z.object({ type: z.literal('container_healthy'), node, name }).strict(),
  // A registry's repositories and tags over its HTTP API (/v2/_catalog, /v2/<name>/tags/list), from the node.
  z
    .object({
      type: z.literal('registry_has'),
      node,
      url: httpUrl.default('http://localhost:5000'),
      repository: name,
      tag: name.default('latest'),
      // For a registry with basic auth (htpasswd): the account the check signs in with, as `curl -u`.
      username: name.optional(),
      password: name.optional(),
    })
    .strict()
    .refine((a) => !a.username === !a.password, { error: 'username and password go together' }),
  // What a container has mounted at `target`: a volume (source = its name), a bind mount (source = the node's
  // path) or a tmpfs; with readOnly, whether it is mounted read-only (true) or writable (false).
  z
    .object({
      type: z.literal('container_mount'),
      node,
      container: name,
      mount: z.enum(['volume', 'bind', 'tmpfs']),
      target: z.string().regex(/^\//, 'an absolute path inside the container, e.g. /usr/share/data'),
      source: name.optional(),
      readOnly: z.boolean().optional(),
    })
    .strict()
    .refine((a) => a.mount !== 'tmpfs' || a.source === undefined, {
      error: 'a tmpfs mount has no source',
    }),
  // Namespaces and cgroups, as the kernel sees them on the node (the internals lessons).
  containerNamespaceSchema(node, name),
  containerLimitsSchema(node, name),
  // Escape hatch: a bash script run on the node (not in the learner's shell); exit 0 passes.
  scriptAssertionSchema(node),
]);
export type Assertion = z.infer<typeof assertionSchema>;

/** One task as the agent runs it: the lesson's task id and its assertion, or a live answer to compare with
 * what the sandbox holds (answers.ts; the expected value stays in the agent). */
export const checkTaskSchema = z.union([
  z.object({ id: z.string(), assert: assertionSchema }).strict(),
  z.object({ id: z.string(), probe: answerProbeSchema }).strict(),
]);
export type CheckTask = z.infer<typeof checkTaskSchema>;

/** What the agent found for one task, with a message the learner can act on (in English), and the same
 * finding as a code the control plane renders in the page's language (contract/check-messages.ts). */
const taskOutcomeSchema = z.object({
  id: z.string(),
  passed: z.boolean(),
  message: z.string(),
  finding: checkMessageSchema.optional(),
});
export type TaskOutcome = z.infer<typeof taskOutcomeSchema>;

/** The agent's answer to POST /v1/sandboxes/:id/checks, one outcome per task in order. */
export const checkOutcomesSchema = z.object({ tasks: z.array(taskOutcomeSchema) });

// The learner's view of a check (POST /api/sandboxes/:id/checks) is check-result.ts: the pages import it
// without the assertion schemas and the message catalog above.
