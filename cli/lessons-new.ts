import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { slugSchema } from '../contract/ids.ts';
import { config } from '../server/config.ts';
import { chapterFolders, chapterIdOf } from '../server/lessons/course-outline.ts';

// `./berth lessons new <chapter>/<lesson>`: a lesson folder in both languages that lint accepts and
// verify passes — one exercise with one task, its hint and its solution — listed last in its chapter.
// The author then replaces the text and the exercise with their own.
export async function runLessonsNew(
  args: string[],
  opts: { dir?: string; print?: (line: string) => void } = {},
): Promise<number> {
  const print = opts.print ?? ((line: string) => console.log(line));
  const dir = opts.dir ?? config().BERTH_LESSONS_DIR;
  const [id, ...extra] = args;
  const [chapter, lesson, ...rest] = (id ?? '').split('/');
  const folder = chapterFolders.find((f) => chapterIdOf(f) === chapter);
  if (!id || extra.length || rest.length || !lesson) {
    print('usage: ./berth lessons new <chapter>/<lesson>, e.g. ./berth lessons new images/dockerfile');
    return 2;
  }
  if (!folder) {
    print(`no chapter "${chapter}"; chapters are: ${chapterFolders.map(chapterIdOf).join(', ')}`);
    return 2;
  }
  if (!slugSchema.safeParse(lesson).success) {
    print(`lesson "${lesson}" must be lowercase kebab-case (it becomes the lesson id and its URL)`);
    return 2;
  }
  const lessonDir = path.join(dir, folder, lesson);
  if (await exists(lessonDir)) {
    print(`${path.relative(process.cwd(), lessonDir)} already exists`);
    return 1;
  }
  await mkdir(lessonDir, { recursive: true });
  const files = scaffold(`${chapter}/${lesson}`);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(lessonDir, name), text);
  await listInChapter(path.join(dir, folder, 'chapter.yaml'), lesson);
  print(
    `created ${path.relative(process.cwd(), lessonDir)}/{${Object.keys(files).join(',')}}, listed in ${folder}/chapter.yaml`,
  );
  print(
    `next: edit them, then ./berth lessons lint ${chapter}/${lesson} && ./berth lessons verify ${chapter}/${lesson}`,
  );
  return 0;
}

async function listInChapter(file: string, lesson: string): Promise<void> {
  const doc = parseDocument(await readFile(file, 'utf8'));
  const listed = z.array(z.string()).safeParse(doc.toJS()?.lessons);
  const names = listed.success ? listed.data : [];
  const seq = doc.createNode([...names, lesson]);
  seq.flow = false;
  doc.set('lessons', seq);
  await writeFile(file, doc.toString({ lineWidth: 0 }));
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

function scaffold(id: string): Record<string, string> {
  const lesson = id.split('/')[1]!;
  return {
    'lesson.yaml': `# Lesson id: ${id} — once published, never rename it (nor the exercise and task ids).
title:
  en: "TODO: ${lesson}"
  zh: "待写：${lesson}"
summary:
  en: TODO — one sentence on what the learner will be able to do.
  zh: 待写——用一句话说明学完后能做什么。
minutes: 15
sandbox:
  nodes: 1

exercises:
  # Shown where en.md and zh.md say ::exercise{#say-hello}; its checks run on node1.
  - id: say-hello
    title:
      en: Run a container that says hello
      zh: 运行一个打招呼的容器
    node: node1
    tasks:
      - id: hello-exited
        title:
          en: Container hello from busybox printed "Hello, Berth" and exited 0
          zh: 容器 hello（busybox）输出了 "Hello, Berth" 并以 0 退出
        assert: { type: container_exited, name: hello, image: busybox, exitCode: 0, outputIncludes: "Hello, Berth" }
        hint:
          en: Run \`docker run --name hello busybox echo Hello, Berth\`. If hello already exists, remove it first with \`docker rm hello\`.
          zh: 运行 \`docker run --name hello busybox echo Hello, Berth\`。如果 hello 已经存在，先用 \`docker rm hello\` 删除它。
    # Typed into a fresh sandbox's terminal by ./berth lessons verify; every line must succeed.
    solution: |
      docker run --name hello busybox echo Hello, Berth
`,
    'en.md': `TODO: what this lesson is about, and why it matters.

## Try it

Run a container from \`busybox\` that prints a greeting and exits:

\`\`\`bash
docker run --name hello busybox echo Hello, Berth
\`\`\`

Docker prints what the container wrote:

\`\`\`text
Hello, Berth
\`\`\`

Then press **Check** in the exercise below:

::exercise{#say-hello}
`,
    'zh.md': `待写：本课讲什么，为什么重要。

## 动手试试

用 \`busybox\` 运行一个容器，它输出一句问候后退出：

\`\`\`bash
docker run --name hello busybox echo Hello, Berth
\`\`\`

Docker 会显示容器输出的内容：

\`\`\`text
Hello, Berth
\`\`\`

然后在下面的练习中点击 **Check**：

::exercise{#say-hello}
`,
  };
}
