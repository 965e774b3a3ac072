import { type CheckMessage, msg, renderCheckMessage } from '../../../contract/check-messages.ts';
import type { CheckTask, TaskOutcome } from '../../../contract/checks.ts';
import type { Engine } from '../docker/engine.ts';
import { evaluateProbe } from './answer-source.ts';
import { CheckFindingError } from './check-finding-error.ts';
import { evaluateAssertion } from './evaluate-assertion.ts';
import { nodeEngines } from './node-engines.ts';

// Runs every task of an exercise, in order, under one hard deadline. A task looks at the exercise's node
// (`containerId`) unless its assertion names another node of the sandbox, found through `nodeContainer`.
export async function runChecks(input: {
  engine: Engine;
  containerId: string;
  nodeContainer?: (node: string) => string;
  tasks: CheckTask[];
  timeoutMs: number;
}): Promise<TaskOutcome[]> {
  const deadline = Date.now() + input.timeoutMs;
  const innerOn = nodeEngines(input, deadline);
  const results: TaskOutcome[] = [];
  for (const task of input.tasks) {
    const left = deadline - Date.now();
    if (left <= 0) {
      results.push(outcome(task.id, false, msg('out_of_time')));
      continue;
    }
    // In a multi-node sandbox the learner needs to know which host the finding is about.
    const node = 'assert' in task ? task.assert.node : task.probe.from.node;
    const where = (m: CheckMessage) => (node ? msg('on_node', { node, message: m }) : m);
    try {
      const inner = innerOn(node);
      const evaluated =
        'assert' in task
          ? evaluateAssertion(task.assert, inner, left)
          : evaluateProbe(task.probe, inner, left);
      const found = await withTimeout(evaluated, left);
      results.push(outcome(task.id, found.passed, where(found.finding)));
    } catch (e) {
      const finding =
        e instanceof CheckFindingError
          ? e.finding
          : msg('script_said', { output: e instanceof Error ? e.message : String(e) });
      results.push(outcome(task.id, false, where(finding)));
    }
  }
  return results;
}

// The finding as a code for the control plane to render in the page's language, and in English as is.
function outcome(id: string, passed: boolean, finding: CheckMessage): TaskOutcome {
  return { id, passed, message: renderCheckMessage(finding, 'en'), finding };
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new CheckFindingError(msg('out_of_time'))), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
