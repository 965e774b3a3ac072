import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { chapterFolders, chapterIdOf } from './course-outline.ts';

// A lesson's files as they are on disk now (names, sizes, times, with its chapter.yaml), hashed: a page
// rendered from one stamp knows it is stale when the stamp changes, even if no one was watching then.
export async function lessonStamp(lessonsDir: string, lessonId: string): Promise<string> {
  const [chapterId, lesson = ''] = lessonId.split('/');
  const folder = chapterFolders.find((f) => chapterIdOf(f) === chapterId) ?? '';
  const chapterDir = path.join(lessonsDir, folder);
  const lessonDir = path.join(chapterDir, lesson);
  const names = await readdir(lessonDir).catch(() => []);
  const files = [path.join(chapterDir, 'chapter.yaml'), ...names.map((n) => path.join(lessonDir, n))];
  const parts = await Promise.all(
    files.map(async (file) => {
      const info = await stat(file).catch(() => undefined);
      return `${file}:${info?.size}:${info?.mtimeMs}`;
    }),
  );
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}
