import { renderCheckMessage } from '../../contract/check-messages.ts';
import type { CheckResult } from '../../contract/check-result.ts';
import type { TaskOutcome } from '../../contract/checks.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { publishProgress } from '../classrooms/publish-progress.ts';
import { db } from '../db/client.ts';
import type { ExerciseDef } from '../lessons/course-types.ts';
import type { Lang } from '../lessons/lang.ts';

// A check's outcomes as the learner sees them (in the page's language, with the task's hint on what to do
// about a failure), recorded in their progress; with the sandbox it ran in, if any (not a pure quiz's).
export async function recordCheck(input: {
  user: SessionUser;
  sandboxId?: string;
  exercise: ExerciseDef;
  outcomes: readonly TaskOutcome[];
  lang: Lang;
}): Promise<CheckResult> {
  const byId = new Map(input.outcomes.map((t) => [t.id, t]));
  const tasks = input.exercise.tasks.map((t) => {
    const o = byId.get(t.id);
    const passed = !!o?.passed;
    // The agent's finding in the page's language (an older agent sends English text only).
    const base = o?.finding
      ? renderCheckMessage(o.finding, input.lang)
      : (o?.message ?? renderCheckMessage({ code: 'not_checked' }, input.lang));
    // The finding, then the lesson's hint on what to do about it, as one readable message.
    const hint = !passed && t.hint ? `${/[.!?。！？]$/.test(base) ? '' : '.'} ${t.hint[input.lang]}` : '';
    return { id: t.id, title: t.title[input.lang], passed, message: `${base}${hint}` };
  });
  const passed = tasks.every((t) => t.passed);
  const exerciseId = input.exercise.id;
  const run = db().checkRun.create({
    data: {
      userId: input.user.id,
      sandboxId: input.sandboxId ?? null,
      exerciseId,
      passed,
      tasks: JSON.stringify(tasks),
    },
  });
  if (input.sandboxId === undefined) await run;
  else {
    const touch = db().sandbox.update({ where: { id: input.sandboxId }, data: { lastActiveAt: new Date() } });
    await db().$transaction([run, touch]);
  }
  // The classroom's instructor sees it live; a hiccup there must not fail the learner's check.
  await publishProgress(input.user.id, exerciseId, tasks.length).catch((e) =>
    console.error('[classroom] progress event not published:', e),
  );
  return { exerciseId, passed, tasks };
}
