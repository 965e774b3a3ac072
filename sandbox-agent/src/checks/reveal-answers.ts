import type { z } from 'zod';
import type { revealedAnswersSchema } from '../../../contract/agent-api.ts';
import type { AnswerSource } from '../../../contract/answers.ts';
import { msg } from '../../../contract/check-messages.ts';
import type { Engine } from '../docker/engine.ts';
import { readAnswerSource } from './answer-source.ts';
import { CheckFindingError } from './check-finding-error.ts';
import { nodeEngines } from './node-engines.ts';
import { withTimeout } from './run-checks.ts';

type Revealed = z.infer<typeof revealedAnswersSchema>['answers'][number];

// The expected values of live answers, for `./berth lessons verify` (POST /v1/sandboxes/:id/answers): what
// a learner who did the exercise would type. Learners' checks never call this (they send a probe instead).
export async function revealAnswers(input: {
  engine: Engine;
  containerId: string;
  nodeContainer?: (node: string) => string;
  sources: { id: string; from: AnswerSource }[];
  timeoutMs: number;
}): Promise<Revealed[]> {
  const deadline = Date.now() + input.timeoutMs;
  const innerOn = nodeEngines(input, deadline);
  const answers: Revealed[] = [];
  for (const { id, from } of input.sources) {
    const left = deadline - Date.now();
    try {
      if (left <= 0) throw new CheckFindingError(msg('out_of_time'));
      const [value] = await withTimeout(readAnswerSource(from, innerOn(from.node), left), left);
      answers.push({ id, value });
    } catch (e) {
      const finding =
        e instanceof CheckFindingError
          ? e.finding
          : msg('script_said', { output: e instanceof Error ? e.message : String(e) });
      answers.push({ id, finding });
    }
  }
  return answers;
}
