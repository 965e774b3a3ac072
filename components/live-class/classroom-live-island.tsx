'use client';
// Where a classroom learner's widgets go on the lesson page. The page renders this only for a learner in a
// classroom (in a slot that holds the bar's place), and the widgets' code (event stream, forms, strings) loads
// after the page, never for anyone else: the lesson page's first-load JavaScript has a budget
// (bench/page-weight.ts), which this file alone costs nearly nothing of.
import dynamic from 'next/dynamic';

export const ClassroomLiveIsland = dynamic(() => import('./classroom-live'), { ssr: false });
