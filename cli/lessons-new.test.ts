import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { lintLessons } from '../server/lessons/lint-lessons.ts';
import { reloadCourse } from '../server/lessons/load-course.ts';
import { makeFixtureCourse } from '../server/lessons/test-fixtures.ts';
import { runLessonsNew } from './lessons-new.ts';

describe('runLessonsNew', () => {
  it('scaffolds a lesson in both languages that lint accepts, listed last in its chapter', async () => {
    const fixture = await makeFixtureCourse();
    const lines: string[] = [];
    const print = (l: string) => lines.push(l);
    assert.equal(await runLessonsNew(['networking/first-steps'], { dir: fixture.dir, print }), 0);
    assert.equal(await runLessonsNew(['images/dockerfile'], { dir: fixture.dir, print }), 0);
    assert.deepEqual(await lintLessons(fixture.dir), [], 'no error and no warning');
    const course = await reloadCourse(fixture.dir);
    const chapter = course.chapters.find((c) => c.id === 'networking');
    assert.deepEqual(chapter?.lessonIds, ['networking/demo', 'networking/first-steps']);
    assert.deepEqual(course.chapters.find((c) => c.id === 'images')?.lessonIds, ['images/dockerfile']);
    const lesson = course.lessons.get('images/dockerfile');
    assert.ok(lesson);
    assert.deepEqual(
      lesson.exercises.map((e) => [e.id, e.tasks.map((t) => t.assert?.type), e.solution?.trim()]),
      [
        [
          'images/dockerfile/say-hello',
          ['container_exited'],
          'docker run --name hello busybox echo Hello, Berth',
        ],
      ],
    );
    assert.match(lesson.html.zh, /动手试试/);
    // The chapter's comments and texts are kept; the list is a block list now.
    const yaml = await readFile(path.join(fixture.dir, '02-images', 'chapter.yaml'), 'utf8');
    assert.match(yaml, /lessons:\n {2}- dockerfile\n/);
  });

  it('refuses an existing lesson, an unknown chapter and an id that is not kebab-case', async () => {
    const fixture = await makeFixtureCourse();
    const lines: string[] = [];
    const print = (l: string) => lines.push(l);
    assert.equal(await runLessonsNew(['networking/demo'], { dir: fixture.dir, print }), 1);
    assert.match(lines.pop()!, /already exists/);
    assert.equal(await runLessonsNew(['network/x'], { dir: fixture.dir, print }), 2);
    assert.match(lines.pop()!, /no chapter "network"; chapters are: concepts, images/);
    assert.equal(await runLessonsNew(['images/My_Lesson'], { dir: fixture.dir, print }), 2);
    assert.equal(await runLessonsNew(['images'], { dir: fixture.dir, print }), 2);
    assert.deepEqual(await lintLessons(fixture.dir), [], 'nothing half-made was left behind');
  });
});
