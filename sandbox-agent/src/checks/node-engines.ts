import { msg } from '../../../contract/check-messages.ts';
import type { Engine } from '../docker/engine.ts';
import { CheckFindingError } from './check-finding-error.ts';
import { type InnerEngine, innerEngine } from './inner-engine.ts';

// The inner engine of each node a check run looks at: the exercise's node (`containerId`) unless a task
// names another node of the sandbox, found through `nodeContainer`. One per node, so a run shares reads.
export function nodeEngines(
  input: { engine: Engine; containerId: string; nodeContainer?: (node: string) => string },
  deadline: number,
): (node: string | undefined) => InnerEngine {
  const inners = new Map<string, InnerEngine>();
  return (node) => {
    const containerId = node === undefined ? input.containerId : nodeContainerOrThrow(input, node);
    let inner = inners.get(containerId);
    if (!inner) {
      inner = innerEngine(input.engine, containerId, deadline);
      inners.set(containerId, inner);
    }
    return inner;
  };
}

function nodeContainerOrThrow(input: { nodeContainer?: (node: string) => string }, node: string): string {
  if (!input.nodeContainer) throw new CheckFindingError(msg('node_missing', { node }));
  return input.nodeContainer(node);
}
