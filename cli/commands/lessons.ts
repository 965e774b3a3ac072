import { runLessonsLint } from '../lessons-lint.ts';
import { runLessonsVerify } from '../lessons-verify.ts';

export async function runLessons(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'lint') return runLessonsLint(rest);
  if (sub === 'verify') return runLessonsVerify(rest);
  process.stderr.write(
    'usage: ./berth lessons lint [lesson-id…] | ./berth lessons verify [--jobs N] [exercise-or-lesson-id…]\n',
  );
  return 1;
}
