import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chapterFolders } from './course-outline.ts';

// Builds a small, valid lessons folder in a temp dir for tests; each test then breaks one thing.

export const validLessonYaml = `title: { en: Demo, zh: 演示 }
summary: { en: A demo lesson, zh: 一个演示课程 }
minutes: 5
sandbox: { nodes: 2 }
exercises:
  - id: first
    title: { en: First, zh: 第一 }
    node: node1
    tasks:
      - id: net
        title: { en: Network exists, zh: 网络存在 }
        assert: { type: network_exists, name: my-net, driver: bridge }
        hint: { en: Create it, zh: 创建它 }
      - id: box
        title: { en: Box runs, zh: 容器运行 }
        assert: { type: container_running, name: box }
        hint: { en: Run it, zh: 运行它 }
    hints:
      - { en: Try harder, zh: 再试试 }
    solution: |
      docker network create my-net
      docker run -dit --name box busybox sh
`;

export interface FixtureCourse {
  /** The lessons folder. */
  dir: string;
  /** lessons/06-networking/demo as reported in lint issues. */
  lessonFile(name: string): string;
  writeLesson(files: Record<string, string | undefined>): Promise<void>;
}

const roots: string[] = [];
process.once('exit', () => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

export async function makeFixtureCourse(): Promise<FixtureCourse> {
  const root = await mkdtemp(path.join(tmpdir(), 'berth-lessons-'));
  roots.push(root);
  const dir = path.join(root, 'lessons');
  for (const folder of chapterFolders) {
    await mkdir(path.join(dir, folder), { recursive: true });
    const lessons = folder === '06-networking' ? '[demo]' : '[]';
    await writeFile(
      path.join(dir, folder, 'chapter.yaml'),
      `title: { en: ${folder}, zh: 第${folder} }\nsummary: { en: About ${folder}, zh: 关于 }\nlessons: ${lessons}\n`,
    );
  }
  const lessonDir = path.join(dir, '06-networking', 'demo');
  const writeLesson = async (files: Record<string, string | undefined>) => {
    await mkdir(lessonDir, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      if (text !== undefined) await writeFile(path.join(lessonDir, name), text);
    }
  };
  await writeLesson({
    'lesson.yaml': validLessonYaml,
    'en.md': '# Demo\n\nHello.\n\n::exercise{#first}\n',
    'zh.md': '# 演示\n\n你好。\n\n::exercise{#first}\n',
  });
  return { dir, lessonFile: (name) => `lessons/06-networking/demo/${name}`, writeLesson };
}

// 1-based line of the first line containing `marker`.
export function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`marker not found: ${marker}`);
  return index + 1;
}
