import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { lessonEventsStream } from './lesson-events-stream.ts';
import { lessonStamp } from './lesson-stamp.ts';
import { makeFixtureCourse } from './test-fixtures.ts';

// The course's folder comes from the config, read once: set before anything asks for it.
const fixture = await makeFixtureCourse();
process.env.BERTH_LESSONS_DIR = fixture.dir;
const LESSON = 'networking/demo';

// Reads the stream until `want` has been seen, or fails after a while.
async function readUntil(res: Response, want: string): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 5000;
  while (!text.includes(want) && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), deadline - Date.now())),
    ]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value);
  }
  return text;
}

describe('lessonEventsStream', () => {
  it('says "change" right away when the lesson changed since the page was rendered', async () => {
    const ac = new AbortController();
    const query = new URLSearchParams({ lesson: LESSON, stamp: 'from-an-older-render' });
    const text = await readUntil(lessonEventsStream(query, ac.signal), 'event: change');
    ac.abort();
    assert.match(text, /event: change/);
  });

  it('says nothing while the files stay as rendered, then "change" when one of them is saved', async () => {
    const ac = new AbortController();
    const stamp = await lessonStamp(fixture.dir, LESSON);
    const res = lessonEventsStream(new URLSearchParams({ lesson: LESSON, stamp }), ac.signal);
    let savedAt = Number.POSITIVE_INFINITY;
    const reading = readUntil(res, 'event: change').then((text) => ({ text, at: Date.now() }));
    await new Promise((r) => setTimeout(r, 500));
    const en = path.join(fixture.dir, '06-networking', 'demo', 'en.md');
    savedAt = Date.now();
    await writeFile(en, '# Demo\n\nEdited.\n\n::exercise{#first}\n');
    const { text, at } = await reading;
    ac.abort();
    assert.match(text, /event: change/);
    assert.ok(at >= savedAt, 'the change came after the save, not before');
  });

  it('refuses a malformed lesson id, and does not exist in production', () => {
    const ac = new AbortController();
    assert.throws(() => lessonEventsStream(new URLSearchParams({ lesson: '../x', stamp: '' }), ac.signal), {
      code: 'bad_request',
    });
    const env: Record<string, string | undefined> = process.env;
    const before = env.NODE_ENV;
    env.NODE_ENV = 'production';
    try {
      assert.throws(() => lessonEventsStream(new URLSearchParams({ lesson: LESSON, stamp: '' }), ac.signal), {
        code: 'not_found',
      });
    } finally {
      env.NODE_ENV = before;
    }
  });
});
