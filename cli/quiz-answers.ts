import { parseNumber } from '../contract/answer-match.ts';
import type { LearnerAnswer } from '../contract/answers.ts';
import type { AnswerDef, ExerciseDef } from '../server/lessons/course-types.ts';

// The answers `lessons verify` gives an exercise's questions: the right ones (a static answer's own, a live
// answer's value revealed by the agent) and, to prove each can fail, a wrong one close to the right one.

type Answers = Map<string, LearnerAnswer>;

/** Before the solution a live answer has nothing to be compared with yet: any answer must fail. */
const BLIND_GUESS = '1';

export function rightAnswers(ex: ExerciseDef, revealed: ReadonlyMap<string, string> = new Map()): Answers {
  const answers: Answers = new Map();
  for (const task of ex.tasks) {
    const right = task.answer && rightOf(task.answer, revealed.get(task.id));
    if (right !== undefined) answers.set(task.id, right);
  }
  return answers;
}

export function wrongAnswers(ex: ExerciseDef, revealed: ReadonlyMap<string, string> = new Map()): Answers {
  const answers: Answers = new Map();
  for (const task of ex.tasks) {
    if (!task.answer) continue;
    const value = revealed.get(task.id);
    answers.set(task.id, wrongOf(task.answer, value));
  }
  return answers;
}

function rightOf(answer: AnswerDef, revealed: string | undefined): LearnerAnswer | undefined {
  if (answer.kind === 'choice') return [...answer.correct];
  if (answer.kind === 'value') return answer.value;
  return revealed;
}

function wrongOf(answer: AnswerDef, revealed: string | undefined): LearnerAnswer {
  if (answer.kind === 'choice') {
    // One right choice: another one. Several: all but one of them.
    if (answer.correct.length > 1) return answer.correct.slice(1);
    return [answer.choices.find((c) => !answer.correct.includes(c.id))!.id];
  }
  if (answer.kind === 'value') return nearMiss(answer.value, answer.match === 'number');
  if (revealed === undefined) return BLIND_GUESS;
  switch (answer.from.type) {
    case 'container_exit_code':
    case 'image_layer_count':
    case 'published_port':
      return nearMiss(revealed, true);
    case 'container_id':
    case 'image_id':
      // The same length, its first character changed: an id of something else.
      return `${((Number.parseInt(revealed[0]!, 16) + 1) % 16).toString(16)}${revealed.slice(1, 12)}`;
    case 'container_ip': {
      const parts = revealed.split('.');
      if (parts.length !== 4) return `${revealed}0`;
      return [...parts.slice(0, 3), String((Number(parts[3]) + 1) % 256)].join('.');
    }
    case 'node_output':
      return nearMiss(revealed, false);
  }
}

function nearMiss(value: string, numeric: boolean): string {
  const n = parseNumber(value);
  return numeric && n !== undefined ? String(n + 1) : `${value}x`;
}
