'use client';
// An exercise card where the prose places it, saying its check results through the page's announcer.
import type { ComponentProps } from 'react';
import { useAnnounce } from './check-announcer';
import { ExerciseCard } from './exercise-card';

export function ExercisePanel(props: Omit<ComponentProps<typeof ExerciseCard>, 'announce'>) {
  return <ExerciseCard {...props} announce={useAnnounce()} />;
}
