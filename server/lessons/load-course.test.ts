import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Assertion } from '../../contract/checks.ts';
import { catalogSchema, lessonViewSchema } from '../../contract/public-api.ts';
import { chapterFolders } from './course-outline.ts';
import { buildCatalog, getCatalog } from './get-catalog.ts';
import { getExercise } from './get-exercise.ts';
import { getLesson } from './get-lesson.ts';
import { parseLang } from './lang.ts';
import { loadCourse, reloadCourse } from './load-course.ts';
import { makeFixtureCourse } from './test-fixtures.ts';

const realLessons = path.resolve(import.meta.dirname, '../../lessons');
const lessonId = 'networking/container-links';
const exerciseId = 'networking/container-links/ping-by-name';

describe('the real course', () => {
  it('loads', async () => {
    const course = await reloadCourse(realLessons);
    assert.deepEqual(
      course.chapters.map((c) => c.id),
      ['concepts', 'images', 'containers', 'registries', 'data', 'networking', 'internals'],
    );
    assert.ok(course.lessons.has(lessonId));
    assert.ok(course.exercises.has(exerciseId));
  });

  it('serves a catalog of seven chapters, a chapter without lessons coming soon, the networking lessons present', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const catalog = buildCatalog(await loadCourse(realLessons), lang);
      // The public API's shape, ids included (contract/public-api.ts).
      assert.deepEqual(catalogSchema.parse(catalog), catalog);
      assert.equal(catalog.chapters.length, chapterFolders.length);
      for (const chapter of catalog.chapters) {
        assert.ok(chapter.title && chapter.summary, `${chapter.id} has ${lang} title and summary`);
        assert.equal(chapter.comingSoon, chapter.lessons.length === 0);
        // Chapters fill up as their lessons land (data and internals have lessons too now); networking always has some.
        if (['networking', 'data', 'internals'].includes(chapter.id))
          assert.equal(chapter.comingSoon, false, chapter.id);
      }
      const networking = catalog.chapters.find((c) => c.id === 'networking')!;
      assert.deepEqual(
        networking.lessons.map((l) => [l.id, l.exercises.map((e) => e.id)]),
        [
          [
            'networking/port-mapping',
            [
              'networking/port-mapping/publish-nginx',
              'networking/port-mapping/random-port',
              'networking/port-mapping/port-forms-quiz',
            ],
          ],
          [lessonId, [exerciseId, 'networking/container-links/networks-quiz']],
          [
            'networking/two-hosts',
            ['networking/two-hosts/serve-across-hosts', 'networking/two-hosts/reach-quiz'],
          ],
          [
            'networking/dns',
            ['networking/dns/hostname-and-dns', 'networking/dns/address-pool', 'networking/dns/dns-quiz'],
          ],
        ],
      );
      assert.ok(networking.lessons[0]!.minutes > 0);
    }
    const zh = await getCatalog('zh');
    assert.equal(zh.chapters.find((c) => c.id === 'networking')?.title, '容器网络');
  });

  it('serves the lesson page in each language', async () => {
    const en = await getLesson(lessonId, 'en');
    const zh = await getLesson(lessonId, 'zh');
    assert.ok(en && zh);
    for (const view of [en, zh]) assert.deepEqual(lessonViewSchema.parse(view), view);
    assert.equal(en.chapterId, 'networking');
    assert.equal(en.chapterTitle, 'Networking');
    assert.deepEqual(en.nodes, ['node1']);
    assert.deepEqual(
      en.exercises.map((e) => [e.id, e.node, e.tasks.length, e.hints.length > 0]),
      [
        [exerciseId, 'node1', 7, true],
        ['networking/container-links/networks-quiz', 'node1', 3, false],
      ],
    );
    assert.notEqual(en.html, zh.html);
    assert.match(zh.title, /容器/);
    for (const html of [en.html, zh.html]) {
      for (const command of [
        'docker network create -d bridge my-net',
        'docker run -dit --name busybox1 --network my-net busybox sh',
        'docker run -dit --name busybox2 --network my-net busybox sh',
        'docker exec busybox1 ping -c 2 busybox2',
        'docker network inspect my-net',
        'docker network ls',
      ]) {
        assert.ok(html.includes(`data-run-code="${command}"`), `runnable: ${command}`);
      }
      // The --link example uses images the offline sandbox doesn't have: shown, never run.
      assert.doesNotMatch(html, /data-run-code="docker run -d --name db postgres/);
    }
    // What a learner must not see: task hints and the reference solution stay server-side.
    assert.doesNotMatch(JSON.stringify({ ...en, html: '' }), /"(solution|assert|hint)"/);
    assert.equal(await getLesson('networking/nope', 'en'), undefined);
    assert.equal(await getLesson('../etc/passwd', 'en'), undefined);
  });

  it('hands the checks module the full exercise', async () => {
    const exercise = await getExercise(exerciseId);
    assert.ok(exercise);
    assert.equal(exercise.lessonId, lessonId);
    assert.equal(exercise.node, 'node1');
    assert.deepEqual(exercise.nodes, ['node1']);
    assert.deepEqual(
      exercise.tasks.map((t) => t.id),
      [
        'network-exists',
        'busybox1-running',
        'busybox2-running',
        'busybox1-on-my-net',
        'busybox2-on-my-net',
        'busybox1-reaches-busybox2',
        'busybox2-reaches-busybox1',
      ],
    );
    for (const task of exercise.tasks) assert.ok(task.hint.en && task.hint.zh && task.title.zh);
    assert.equal(
      exercise.solution,
      [
        'docker network create -d bridge my-net',
        'docker run -dit --name busybox1 --network my-net busybox sh',
        'docker run -dit --name busybox2 --network my-net busybox sh',
        'docker exec busybox1 ping -c 2 busybox2',
        '',
      ].join('\n'),
    );
    assert.equal(await getExercise('networking/container-links/nope'), undefined);
  });
});

// A model of the learner's engine, only to show which situations the ping-by-name tasks accept.
// The real proof is `./berth lessons verify`, which runs them against a real engine.
interface EngineModel {
  networks: { name: string; driver: string }[];
  containers: { name: string; running: boolean; networks: string[] }[];
}

function holds(a: Assertion, engine: EngineModel): boolean {
  const container = (name: string) => engine.containers.find((c) => c.name === name);
  switch (a.type) {
    case 'network_exists':
      return engine.networks.some((n) => n.name === a.name && (!a.driver || n.driver === a.driver));
    case 'container_running':
      return container(a.name)?.running === true;
    case 'container_on_network':
      return container(a.container)?.networks.includes(a.network) === true;
    case 'exec_succeeds': {
      // ping by name: needs both running and a shared user-defined network (the default bridge has no DNS).
      const from = container(a.container);
      const to = container(a.command.at(-1)!);
      if (a.command[0] !== 'ping' || !from?.running || !to?.running) return false;
      return from.networks.some((n) => n !== 'bridge' && to.networks.includes(n));
    }
    default:
      throw new Error(`not modelled: ${a.type}`);
  }
}

describe('the ping-by-name tasks', () => {
  const myNet = { name: 'my-net', driver: 'bridge' };
  const box = (name: string, networks: string[], running = true) => ({ name, running, networks });
  const verdict = async (engine: EngineModel) => {
    const exercise = await getExercise(exerciseId);
    return exercise!.tasks.every((t) => t.assert !== undefined && holds(t.assert, engine));
  };

  it('pass after the reference solution', async () => {
    assert.equal(
      await verdict({
        networks: [myNet],
        containers: [box('busybox1', ['my-net']), box('busybox2', ['my-net'])],
      }),
      true,
    );
  });

  it('fail on a fresh sandbox, on the default bridge, under other names, or with one container stopped', async () => {
    const bridge = { name: 'bridge', driver: 'bridge' };
    const cases: Record<string, EngineModel> = {
      fresh: { networks: [bridge], containers: [] },
      'default bridge': {
        networks: [bridge, myNet],
        containers: [box('busybox1', ['bridge']), box('busybox2', ['bridge'])],
      },
      'other names': { networks: [myNet], containers: [box('box1', ['my-net']), box('box2', ['my-net'])] },
      'busybox2 stopped': {
        networks: [myNet],
        containers: [box('busybox1', ['my-net']), box('busybox2', ['my-net'], false)],
      },
      'network of another driver': {
        networks: [{ name: 'my-net', driver: 'macvlan' }],
        containers: [box('busybox1', ['my-net']), box('busybox2', ['my-net'])],
      },
      'only one on my-net': {
        networks: [myNet],
        containers: [box('busybox1', ['my-net']), box('busybox2', ['bridge'])],
      },
    };
    for (const [name, engine] of Object.entries(cases)) assert.equal(await verdict(engine), false, name);
  });
});

describe('loadCourse caching', () => {
  it('returns the cached course, and picks up edits outside production', async (t) => {
    const env: Record<string, string | undefined> = process.env; // Next's types make NODE_ENV read-only
    const nodeEnv = env.NODE_ENV;
    env.NODE_ENV = 'development';
    t.after(() => {
      if (nodeEnv === undefined) delete env.NODE_ENV;
      else env.NODE_ENV = nodeEnv;
    });
    const fixture = await makeFixtureCourse();
    const first = await loadCourse(fixture.dir);
    assert.equal(await loadCourse(fixture.dir), first);
    const zhFile = path.join(fixture.dir, '06-networking', 'demo', 'zh.md');
    await writeFile(zhFile, '# 演示\n\n改过了，内容也更长了。\n\n::exercise{#first}\n');
    const second = await loadCourse(fixture.dir);
    assert.notEqual(second, first);
    assert.match(second.lessons.get('networking/demo')!.html.zh, /改过了/);
  });
});

describe('parseLang', () => {
  it('accepts en and zh, defaults to en', () => {
    assert.equal(parseLang('zh'), 'zh');
    assert.equal(parseLang('zh-CN'), 'zh');
    assert.equal(parseLang(['zh']), 'zh');
    assert.equal(parseLang('en'), 'en');
    for (const x of [undefined, null, '', 'fr', 42, {}]) assert.equal(parseLang(x), 'en');
  });
});
