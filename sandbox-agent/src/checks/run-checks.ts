import type { Engine } from '../docker/engine.ts';
import type { Assertion } from './assertion-schema.ts';
import { evaluateAssertion } from './evaluate-assertion.ts';
import { innerEngine } from './inner-engine.ts';

export interface CheckTask {
  id: string;
  assert: Assertion;
}

export interface TaskOutcome {
  id: string;
  passed: boolean;
  message: string;
}

// Runs every task of an exercise against one node, in order, under one hard deadline.
export async function runChecks(input: {
  engine: Engine;
  containerId: string;
  tasks: CheckTask[];
  timeoutMs: number;
}): Promise<TaskOutcome[]> {
  const deadline = Date.now() + input.timeoutMs;
  const inner = innerEngine(input.engine, input.containerId, deadline);
  const results: TaskOutcome[] = [];
  for (const task of input.tasks) {
    const left = deadline - Date.now();
    if (left <= 0) {
      results.push({ id: task.id, passed: false, message: 'Not checked: the check ran out of time.' });
      continue;
    }
    try {
      const outcome = await withTimeout(evaluateAssertion(task.assert, inner, left), left);
      results.push({ id: task.id, ...outcome });
    } catch (e) {
      results.push({ id: task.id, passed: false, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return results;
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
