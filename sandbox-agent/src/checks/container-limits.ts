import { type CheckMessage, msg } from '../../../contract/check-messages.ts';
import type { Assertion } from '../../../contract/checks.ts';
import { memoryBytes } from '../../../contract/kernel-checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { lastLine } from './command-output.ts';
import type { InnerEngine } from './inner-engine.ts';
import { inspectContainer } from './inspect.ts';

// A running container's memory and process limits as its cgroup's files say, read on the node: the cgroup of
// its main process (/proc/<pid>/cgroup), under cgroup v2 (memory.max, pids.max) or v1 (memory/…/
// memory.limit_in_bytes, pids/…/pids.max). Prints "<file> <value>" for memory, then for pids.
const READ_LIMITS = `pid=$1
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  dir=/sys/fs/cgroup$(awk -F: '$1 == "0" { print $3 }' "/proc/$pid/cgroup")
  files="$dir/memory.max $dir/pids.max"
else
  path_of() { awk -F: -v c="$1" '$2 ~ "(^|,)" c "(,|$)" { print $3 }' "/proc/$pid/cgroup"; }
  files="/sys/fs/cgroup/memory$(path_of memory)/memory.limit_in_bytes /sys/fs/cgroup/pids$(path_of pids)/pids.max"
fi
for f in $files; do v=$(cat "$f") || exit 1; echo "$f $v"; done`;

// cgroup v1 writes "no limit" as the largest page-aligned 64-bit number; v2 and pids.max write "max".
const NO_LIMIT = 2 ** 62;
function limitOf(value: string | undefined): number | undefined {
  if (value === undefined || value === 'max') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n < NO_LIMIT ? n : undefined;
}

export async function evaluateContainerLimits(
  a: Extract<Assertion, { type: 'container_limits' }>,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<AssertionOutcome> {
  const name = a.container;
  const c = await inspectContainer(inner, name);
  if (!c) return fail('container_missing', { name });
  if (!c.State.Running || !c.State.Pid)
    return fail('container_not_running', { name, status: c.State.Status });
  const res = await inner.run(['bash', '-c', READ_LIMITS, 'limits', String(c.State.Pid)], timeoutMs);
  const lines = res.output
    .trim()
    .split('\n')
    .map((l) => l.split(' '));
  if (res.exitCode !== 0 || lines.length !== 2 || lines.some((l) => l.length !== 2)) {
    return fail('limits_unreadable', { name, output: lastLine(res.output) });
  }
  const [[memFile, memValue], [pidsFile, pidsValue]] = lines as [[string, string], [string, string]];
  const shown = (n: number | undefined): number | CheckMessage => (n === undefined ? msg('limit_none') : n);
  const memory = limitOf(memValue);
  if (a.memory !== undefined && memory !== memoryBytes(a.memory)) {
    return fail('limit_memory', {
      name,
      value: shown(memory),
      file: memFile,
      expected: memoryBytes(a.memory),
    });
  }
  const pids = limitOf(pidsValue);
  if (a.pids !== undefined && pids !== a.pids) {
    return fail('limit_pids', { name, value: shown(pids), file: pidsFile, expected: a.pids });
  }
  return ok('limits_ok', { name });
}
