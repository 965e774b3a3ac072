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

// The prose of the fixture lesson once quizExercisesYaml is appended: every exercise needs its marker.
export const quizLessonProse = {
  'en.md': '# Demo\n\nHello.\n\n::exercise{#first}\n\n::exercise{#quiz}\n\n::exercise{#live}\n',
  'zh.md': '# 演示\n\n你好。\n\n::exercise{#first}\n\n::exercise{#quiz}\n\n::exercise{#live}\n',
};

// Two more exercises for validLessonYaml: a pure quiz (every answer form the control plane checks
// alone) and a live answer read from the sandbox.

/** Answers to every task of quizExercisesYaml's pure quiz that pass it. */
export const quizRightAnswers = {
  'writable-layer': ['container-layer'],
  'read-only': ['base', 'added'],
  'default-tag': 'latest',
  'layer-limit': '127',
};

export const quizExercisesYaml = `  - id: quiz
    title: { en: "Quiz: layers", zh: 小测验：分层 }
    tasks:
      - id: writable-layer
        title: { en: Where does a running container write a new file?, zh: 运行中的容器把新文件写在哪里？ }
        answer:
          choices:
            - { id: image-top, en: Into the image's top layer, zh: 写进镜像的最上层 }
            - { id: container-layer, en: Into the container's own writable layer, zh: 写进容器自己的可写层 }
            - { id: registry, en: Into the registry, zh: 写进镜像仓库 }
          correct: [container-layer]
        hint: { en: Images are read-only., zh: 镜像是只读的。 }
      - id: read-only
        title: { en: Which are read-only?, zh: 哪些是只读的？ }
        answer:
          choices:
            - { id: base, en: The base image's layers, zh: 基础镜像的层 }
            - { id: added, en: Layers a build added, zh: 构建添加的层 }
            - { id: writable, en: The container layer, zh: 容器层 }
          correct: [base, added]
        hint: { en: Every image layer is., zh: 镜像的每一层都是。 }
      - id: default-tag
        title: { en: Which tag does docker pull nginx pull?, zh: docker pull nginx 拉取哪个标签？ }
        answer: { value: latest, match: ignore-case }
        hint: { en: It is the default tag., zh: 它是默认标签。 }
      - id: layer-limit
        title: { en: How many layers may an image have at most?, zh: 一个镜像最多可以有多少层？ }
        answer: { value: 127, match: number }
        hint: { en: A little under 128., zh: 比 128 少一点。 }
  - id: live
    title: { en: Read the sandbox, zh: 读取沙箱 }
    tasks:
      - id: web-ip
        title: { en: What is container web's IP address?, zh: 容器 web 的 IP 地址是什么？ }
        answer:
          from: { type: container_ip, container: web }
        hint: { en: docker inspect shows it., zh: docker inspect 可以看到。 }
      - id: web-port
        title: { en: Which node port publishes web's port 80?, zh: web 的 80 端口发布在节点的哪个端口？ }
        answer:
          from: { type: published_port, container: web, port: 80/tcp }
        hint: { en: docker port shows it., zh: docker port 可以看到。 }
      - id: web-id
        title: { en: What is container web's id?, zh: 容器 web 的 ID 是什么？ }
        answer:
          from: { type: container_id, container: web }
        hint: { en: docker ps shows its first 12 characters., zh: docker ps 显示它的前 12 个字符。 }
      - id: web-image
        title: { en: Which image does web run?, zh: web 运行的是哪个镜像？ }
        answer:
          from: { type: node_output, run: "docker inspect -f '{{.Config.Image}}' web" }
        hint: { en: Look at docker ps., zh: 看看 docker ps。 }
    solution: |
      docker run -d --name web -p 8080:80 nginx
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

/** The fixture course with its demo lesson's exercises plus the quiz ones (`networking/demo/quiz`, …/live). */
export async function makeQuizCourse(): Promise<FixtureCourse> {
  const course = await makeFixtureCourse();
  await course.writeLesson({ 'lesson.yaml': validLessonYaml + quizExercisesYaml, ...quizLessonProse });
  return course;
}
