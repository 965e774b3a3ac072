import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Catalog } from '../../contract/public-api';
import { courseProgress } from './course-progress';

const lesson = (id: string, exercises: string[]) => ({
  id,
  title: id,
  summary: '',
  minutes: 5,
  exercises: exercises.map((e) => ({ id: `${id}/${e}`, title: e })),
});
const catalog: Catalog = {
  chapters: [
    {
      id: 'concepts',
      title: 'Concepts',
      summary: '',
      comingSoon: false,
      lessons: [lesson('concepts/a', ['x', 'y']), lesson('concepts/b', ['z'])],
    },
    { id: 'images', title: 'Images', summary: '', comingSoon: false, lessons: [lesson('images/c', ['w'])] },
    { id: 'data', title: 'Data', summary: '', comingSoon: true, lessons: [] },
  ],
};
const result = (exerciseId: string, passed: boolean) => ({
  exerciseId,
  passed,
  attempts: 1,
  checkedAt: '2026-01-01T00:00:00.000Z',
});

describe('courseProgress', () => {
  it('shows nothing to a learner who has checked nothing', () => {
    assert.equal(courseProgress(catalog, undefined), undefined);
    assert.equal(courseProgress(catalog, { exercises: [] }), undefined);
  });

  it('counts passed exercises per lesson and chapter; a failed check is a start', () => {
    const p = courseProgress(catalog, {
      exercises: [result('concepts/a/x', true), result('concepts/b/z', true), result('images/c/w', false)],
    })!;
    assert.deepEqual(p.lessons.get('concepts/a'), { done: 1, total: 2, state: 'started' });
    assert.deepEqual(p.lessons.get('concepts/b'), { done: 1, total: 1, state: 'done' });
    assert.deepEqual(p.lessons.get('images/c'), { done: 0, total: 1, state: 'started' });
    assert.deepEqual(p.chapters.get('concepts'), { done: 2, total: 3, state: 'started' });
    assert.deepEqual(p.chapters.get('images'), { done: 0, total: 1, state: 'started' });
    assert.deepEqual(p.chapters.get('data'), { done: 0, total: 0, state: 'new' });
  });

  it('calls a chapter done when all its exercises passed, and ignores exercises no longer in the course', () => {
    const p = courseProgress(catalog, {
      exercises: [result('images/c/w', true), result('gone/lesson/old', true)],
    })!;
    assert.deepEqual(p.chapters.get('images'), { done: 1, total: 1, state: 'done' });
    assert.deepEqual(p.lessons.get('concepts/a'), { done: 0, total: 2, state: 'new' });
  });
});
