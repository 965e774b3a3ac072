import { matchesValue, parseNumber } from '../../contract/answer-match.ts';
import type { LearnerAnswer } from '../../contract/answers.ts';
import { type CheckMessage, msg } from '../../contract/check-messages.ts';
import type { AnswerDef } from '../lessons/course-types.ts';

// A static answer (multiple choice, or a typed value) against the lesson's: checked by the control plane
// alone. The finding says what is wrong, never the right answer, and never repeats the learner's.
export function matchAnswer(
  answer: Exclude<AnswerDef, { kind: 'live' }>,
  given: LearnerAnswer | undefined,
): { passed: boolean; finding: CheckMessage } {
  const verdict = (passed: boolean, code: Parameters<typeof msg>[0]) => ({ passed, finding: msg(code) });
  if (answer.kind === 'choice') {
    const picked = new Set(Array.isArray(given) ? given : []);
    if (picked.size === 0) return verdict(false, 'answer_missing');
    const right = picked.size === answer.correct.length && answer.correct.every((id) => picked.has(id));
    if (right) return verdict(true, 'answer_right');
    return verdict(false, answer.correct.length === 1 ? 'answer_wrong_choice' : 'answer_wrong_choices');
  }
  const typed = typeof given === 'string' ? given.trim() : '';
  if (typed === '') return verdict(false, 'answer_missing');
  if (answer.match === 'number' && parseNumber(typed) === undefined) {
    return verdict(false, 'answer_not_a_number');
  }
  if (matchesValue(typed, answer.value, answer.match)) return verdict(true, 'answer_right');
  return verdict(false, 'answer_wrong_value');
}
