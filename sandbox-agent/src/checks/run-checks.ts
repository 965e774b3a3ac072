import type { CheckTask, TaskOutcome } from '../../../contract/checks.ts';
import type { Engine } from '../docker/engine.ts';
import { evaluateAssertion } from './evaluate-assertion.ts';
import { type InnerEngine, innerEngine } from './inner-engine.ts';

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
  const inners = new Map<string, InnerEngine>();
  const innerOn = (node: string | undefined): InnerEngine => {
    const containerId = node === undefined ? input.containerId : nodeContainerOrThrow(input, node);
    let inner = inners.get(containerId);
    if (!inner) {
      inner = innerEngine(input.engine, containerId, deadline);
      inners.set(containerId, inner);
    }
    return inner;
  };
  const results: TaskOutcome[] = [];
  for (const task of input.tasks) {
    const left = deadline - Date.now();
    if (left <= 0) {
      results.push({ id: task.id, passed: false, message: 'Not checked: the check ran out of time.' });
      continue;
    }
    // In a multi-node sandbox the learner needs to know which host the finding is about.
    const where = task.assert.node ? `On ${task.assert.node}: ` : '';
    try {
      const inner = innerOn(task.assert.node);
      const outcome = await withTimeout(evaluateAssertion(task.assert, inner, left), left);
      results.push({ id: task.id, passed: outcome.passed, message: `${where}${outcome.message}` });
    } catch (e) {
      results.push({
        id: task.id,
        passed: false,
        message: `${where}${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
  return results;
}

function nodeContainerOrThrow(input: { nodeContainer?: (node: string) => string }, node: string): string {
  if (!input.nodeContainer) throw new Error(`This check needs ${node}, which this sandbox does not have.`);
  return input.nodeContainer(node);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('Not checked: the check ran out of time.')), ms);
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
