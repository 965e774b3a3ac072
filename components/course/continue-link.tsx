'use client';
// The home page's main button: "Continue" to the lesson this browser last opened (else the first lesson
// with an exercise not passed yet, once the learner has passed any), or "Start the first lesson".
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { Lang } from '../i18n/lang';
import { lastLesson } from '../session/last-lesson';
import { useProgress } from '../session/progress-provider';
import buttons from '../ui/button.module.css';
import { ArrowIcon } from '../ui/icons';
import { continueTarget, type LessonLink } from './continue-target';
import { courseStringsFor } from './course-strings';

export function ContinueLink({
  lang,
  lessons,
  className,
}: {
  lang: Lang;
  /** Every lesson in course order. */
  lessons: readonly LessonLink[];
  className?: string;
}) {
  const t = courseStringsFor(lang);
  const { passed } = useProgress();
  // Read after hydration: the server cannot know this browser's last lesson.
  const [last, setLast] = useState<string | undefined>();
  useEffect(() => setLast(lastLesson()), []);

  const target = continueTarget(lessons, last, passed);
  const first = lessons[0];
  if (!target && !first) return null;
  const lesson = target ?? first!;
  return (
    <Link
      href={`/lessons/${lesson.id}`}
      className={`${buttons.button} ${buttons.primary} ${className ?? ''}`}
      data-testid="home-cta"
    >
      {target ? t.continueLesson(target.title) : t.startFirstLesson} <ArrowIcon />
    </Link>
  );
}
