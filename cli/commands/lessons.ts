import { runLessonsLint } from '../lessons-lint.ts';
import { runLessonsNew } from '../lessons-new.ts';
import { runLessonsVerify } from '../lessons-verify.ts';

export async function runLessons(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'lint') return runLessonsLint(rest);
  if (sub === 'verify') return runLessonsVerify(rest);
  if (sub === 'new') return runLessonsNew(rest);
  process.stderr.write(
    'usage: ./berth lessons lint [lesson-id…] | ./berth lessons verify [--jobs N] [exercise-or-lesson-id…] | ./berth lessons new <chapter>/<lesson>\n',
  );
  return 1;
}
