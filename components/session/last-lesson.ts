// The lesson this browser last opened, for the home page's "Continue" (kept in localStorage).
import { lessonIdSchema } from '../../contract/ids';

const KEY = 'berth.last-lesson';

export function rememberLastLesson(lessonId: string): void {
  try {
    window.localStorage.setItem(KEY, lessonId);
  } catch {
    // Storage off: "Continue" falls back on the learner's progress.
  }
}

export function lastLesson(): string | undefined {
  try {
    const parsed = lessonIdSchema.safeParse(window.localStorage.getItem(KEY));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
