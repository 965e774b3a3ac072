// Where "Continue" leads: the lesson this browser last opened; else, once the learner has passed any
// exercise, the first lesson they started and have not finished (or the last one they started).
export interface LessonLink {
  id: string;
  title: string;
  exerciseIds: readonly string[];
}

export function continueTarget(
  lessons: readonly LessonLink[],
  last: string | undefined,
  passed: ReadonlySet<string> | undefined,
): LessonLink | undefined {
  const visited = lessons.find((l) => l.id === last);
  if (visited) return visited;
  if (!passed?.size) return undefined;
  const started = lessons.filter((l) => l.exerciseIds.some((id) => passed.has(id)));
  if (started.length === 0) return undefined;
  return started.find((l) => l.exerciseIds.some((id) => !passed.has(id))) ?? started[started.length - 1];
}
