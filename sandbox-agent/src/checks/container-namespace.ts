import { msg } from '../../../contract/check-messages.ts';
import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { lastLine } from './command-output.ts';
import type { InnerEngine } from './inner-engine.ts';
import { inspectContainer } from './inspect.ts';

// Whether a container shares a namespace with another container or with the node: the kernel's answer, the
// inode /proc/<pid>/ns/<kind> links to, read on the node (where the engine's PIDs are numbered), compared
// with the other's and with the node's own (/proc/self/ns/<kind> of the reading process).
export async function evaluateContainerNamespace(
  a: Extract<Assertion, { type: 'container_namespace' }>,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<AssertionOutcome> {
  // The one shared with is looked at first (it has to run before the other can join it); `pids` ends up
  // container first, then the one shared with.
  const names = a.sharedWith === 'node' ? [a.container] : [a.sharedWith, a.container];
  const pids: number[] = [];
  for (const name of names) {
    const c = await inspectContainer(inner, name);
    if (!c) return fail('container_missing', { name });
    if (!c.State.Running || !c.State.Pid)
      return fail('container_not_running', { name, status: c.State.Status });
    pids.unshift(c.State.Pid);
  }
  const kind = msg(`ns_${a.kind}`);
  const links = [...pids.map((p) => `/proc/${p}/ns/${a.kind}`), `/proc/self/ns/${a.kind}`];
  const res = await inner.run(['readlink', ...links], timeoutMs);
  const [ns, second, third] = res.output.trim().split('\n');
  const nodeNs = a.sharedWith === 'node' ? second : third;
  const otherNs = a.sharedWith === 'node' ? nodeNs : second;
  if (res.exitCode !== 0 || !ns || !nodeNs || !otherNs) {
    return fail('namespace_unreadable', { name: a.container, kind, output: lastLine(res.output) });
  }
  if (a.sharedWith === 'node') {
    return ns === nodeNs
      ? ok('namespace_node', { name: a.container, kind, ns })
      : fail('namespace_not_node', { name: a.container, kind, ns, nodeNs });
  }
  // The host's namespace shared by both is no sharing between the two containers.
  if (ns === nodeNs) return fail('namespace_is_node', { name: a.container, kind, ns });
  if (otherNs === nodeNs) return fail('namespace_is_node', { name: a.sharedWith, kind, ns: otherNs });
  if (ns !== otherNs) {
    return fail('namespace_own', { name: a.container, kind, ns, other: a.sharedWith, otherNs });
  }
  return ok('namespace_shared', { name: a.container, kind, other: a.sharedWith, ns });
}
