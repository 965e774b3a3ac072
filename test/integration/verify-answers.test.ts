import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type LocalAgent, startLocalAgent } from '../../cli/agent-process.ts';
import { runLessonsVerify } from '../../cli/lessons-verify.ts';
import { startSandboxEngine } from '../../sandbox-agent/src/host/index.ts';
import { reloadCourse } from '../../server/lessons/load-course.ts';
import {
  makeFixtureCourse,
  quizExercisesYaml,
  quizLessonProse,
  validLessonYaml,
} from '../../server/lessons/test-fixtures.ts';

// `./berth lessons verify` on questions, with a lesson fixture: a pure quiz without any sandbox or agent,
// live answers on a real sandbox (wrong before the solution, the revealed values right after, near misses
// wrong), and a solution that leaves a live answer nothing to read is reported.

const LESSON_YAML = `${validLessonYaml.replace('sandbox: { nodes: 2 }', 'sandbox: { nodes: 1 }')}${quizExercisesYaml}`;

async function verify(args: string[], agent?: LocalAgent): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((s: string | Uint8Array) => {
    chunks.push(String(s));
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await runLessonsVerify(args, agent ? { agent: agent.ref, jobs: 1 } : { jobs: 1 });
    return { code, out: chunks.join('') };
  } finally {
    process.stdout.write = write;
  }
}

describe('lessons verify on quizzes and answers', () => {
  let fixture: Awaited<ReturnType<typeof makeFixtureCourse>>;
  let agent: LocalAgent | undefined;

  before(async () => {
    fixture = await makeFixtureCourse();
    await fixture.writeLesson({ 'lesson.yaml': LESSON_YAML, ...quizLessonProse });
    process.env.BERTH_LESSONS_DIR = fixture.dir;
  });
  after(async () => agent?.stop());

  test('a pure quiz is verified without a sandbox or an agent', async () => {
    const started = Date.now();
    const { code, out } = await verify(['networking/demo/quiz']);
    assert.equal(code, 0, out);
    assert.match(out, /networking\/demo\/quiz\s+ok\s+ok\s+\d/);
    assert.doesNotMatch(out, /Starting a sandbox agent/);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });

  test('live answers: wrong before the solution, right after it, a near miss still wrong', async () => {
    await startSandboxEngine();
    agent = await startLocalAgent(`verify-answers-${process.pid}`);
    const { code, out } = await verify(['networking/demo/live'], agent);
    assert.equal(code, 0, out);
    assert.match(out, /networking\/demo\/live\s+ok\s+ok\s+\d/);
  });

  test('a solution that leaves a live answer nothing to read fails, saying which', async () => {
    await fixture.writeLesson({
      'lesson.yaml': LESSON_YAML.replace(
        'docker run -d --name web -p 8080:80 nginx',
        'docker run -d --name web nginx',
      ),
    });
    await reloadCourse(fixture.dir);
    const { code, out } = await verify(['networking/demo/live'], agent);
    assert.equal(code, 1, out);
    assert.match(
      out,
      /task web-port has no value to answer after the solution: Container "web" does not publish port 80\/tcp\./,
    );
    assert.match(out, /networking\/demo\/live\s+ok\s+FAIL/);
  });
});
