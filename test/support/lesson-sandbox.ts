import assert from 'node:assert/strict';
import { type ControlPlane, startControlPlane, waitForState } from './control-plane-harness.ts';

// One learner with a ready sandbox for a lesson, through the in-process control plane and a real agent:
// what a test of an exercise needs to solve it from outside (a script on a node, as the learner would type
// it) and to press its Check (POST /api/sandboxes/:id/checks), as the canonical-exercise tests do.
export interface TaskView {
  passed: boolean;
  message: string;
}

export interface LessonSandbox {
  cp: ControlPlane;
  cookie: string;
  sandboxId: string;
  /** Runs a bash script on a node (default node1), outside the learner's terminal. */
  onNode(script: string, node?: string): Promise<{ exitCode: number; output: string }>;
  /** The exercise's check result, its tasks by id in the lesson's order; `answers` per answer task id. */
  check(
    exerciseId: string,
    opts?: { lang?: string; answers?: Record<string, string | string[]> },
  ): Promise<{ passed: boolean; byId: Map<string, TaskView> }>;
  stop(): Promise<void>;
}

export async function startLessonSandbox(lessonId: string, learner: string): Promise<LessonSandbox> {
  const cp = await startControlPlane();
  const cookie = await cp.signIn(learner);
  const r = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const sandboxId: string = r.json.id;
  await waitForState(cp, cookie, sandboxId, 'ready', 90_000);
  return {
    cp,
    cookie,
    sandboxId,
    onNode: (script, node = 'node1') =>
      cp.agent.engine.exec(cp.agent.manager.nodeContainer(sandboxId, node), ['bash', '-lc', script], {
        timeoutMs: 60_000,
      }),
    async check(exerciseId, { lang = 'en', answers } = {}) {
      const res = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
        cookie,
        body: { exerciseId, lang, answers },
      });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      const tasks: ({ id: string } & TaskView)[] = res.json.tasks;
      return { passed: res.json.passed as boolean, byId: new Map(tasks.map((t) => [t.id, t])) };
    },
    async stop() {
      await cp.call('DELETE', `/api/sandboxes/${sandboxId}`, { cookie }).catch(() => {});
      await cp.stop();
    },
  };
}

/** A failed check where only the tasks in `failing` fail, each with its message matching; all others pass. */
export function assertOnlyFailing(
  result: { passed: boolean; byId: Map<string, TaskView> },
  failing: Record<string, RegExp>,
): void {
  assert.equal(result.passed, false);
  for (const [id, t] of result.byId) {
    if (failing[id]) {
      assert.equal(t.passed, false, `${id} should fail`);
      assert.match(t.message, failing[id]);
    } else assert.equal(t.passed, true, `${id} should pass: ${t.message}`);
  }
}
