// Where "Continue" leads: the lesson this browser last opened; else, once the learner has passed any
// exercise, the first lesson they started and have not finished, else the next one after those.
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
  const unfinished = (l: LessonLink) => l.exerciseIds.some((id) => !passed.has(id));
  const lastBegun = started[started.length - 1];
  if (!lastBegun) return undefined;
  // A lesson begun and not finished; else the next lesson after the last one begun; else that one.
  return (
    started.find(unfinished) ?? lessons.slice(lessons.indexOf(lastBegun) + 1).find(unfinished) ?? lastBegun
  );
}
