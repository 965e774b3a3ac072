import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { makeFixtureCourse } from './test-fixtures.ts';
import { changeOf, watchLessonFiles } from './watch-lesson-files.ts';

describe('watchLessonFiles', () => {
  it('names the lesson or chapter a changed file belongs to', () => {
    assert.equal(changeOf('06-networking/container-links/en.md'), 'networking/container-links');
    assert.equal(changeOf('06-networking/chapter.yaml'), 'networking');
    assert.equal(changeOf('06-networking/container-links/.en.md.swp'), undefined);
    assert.equal(changeOf('06-networking/container-links/en.md~'), undefined);
    assert.equal(changeOf('06-networking'), undefined);
  });

  it('reports one change per burst of writes to a lesson file, until unsubscribed', async () => {
    const fixture = await makeFixtureCourse();
    const seen: string[] = [];
    const unwatch = watchLessonFiles(fixture.dir, (change) => seen.push(change));
    const en = path.join(fixture.dir, '06-networking', 'demo', 'en.md');
    for (const n of [1, 2, 3]) await writeFile(en, `# Demo ${n}\n\n::exercise{#first}\n`);
    const deadline = Date.now() + 5000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(seen, ['networking/demo']);
    unwatch();
    await writeFile(en, '# Demo 4\n');
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(seen, ['networking/demo']);
  });
});
