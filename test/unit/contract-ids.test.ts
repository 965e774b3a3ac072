import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertionSchema } from '../../contract/checks.ts';
import {
  agentIdSchema,
  exerciseIdSchema,
  lessonIdSchema,
  nodeNameSchema,
  sandboxIdSchema,
} from '../../contract/ids.ts';
import { parseClientFrame } from '../../contract/terminal-frames.ts';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: string) =>
  schema.safeParse(v).success;

describe('contract ids', () => {
  it('names nodes node1 … node5 and nothing else, in lessons and on the wire alike', () => {
    for (const n of ['node1', 'node2', 'node3', 'node4', 'node5']) assert.ok(ok(nodeNameSchema, n), n);
    for (const n of ['node0', 'node6', 'node9', 'node10', 'Node1', 'node', ' node1']) {
      assert.ok(!ok(nodeNameSchema, n), n);
    }
    const assertion = assertionSchema.safeParse({ type: 'container_running', node: 'node6', name: 'web' });
    assert.equal(assertion.success, false);
    assert.match(assertion.error?.issues[0]?.message ?? '', /node1, node2, … node5/);
  });

  it('tells lesson and exercise ids apart by their parts', () => {
    assert.ok(ok(lessonIdSchema, 'networking/container-links'));
    assert.ok(!ok(lessonIdSchema, 'networking/container-links/ping-by-name'));
    assert.ok(!ok(lessonIdSchema, 'networking/Container_Links'));
    assert.ok(ok(exerciseIdSchema, 'networking/container-links/ping-by-name'));
    assert.ok(!ok(exerciseIdSchema, 'networking/container-links'));
    assert.ok(!ok(exerciseIdSchema, 'networking//ping-by-name'));
  });

  it('keeps sandbox and agent ids to characters safe in engine object names and labels', () => {
    assert.ok(ok(sandboxIdSchema, 'k3x9-ab_c'));
    assert.ok(!ok(sandboxIdSchema, 'abc'));
    assert.ok(!ok(sandboxIdSchema, 'ABCD'));
    assert.ok(ok(agentIdSchema, 'worker-2.lab'));
    assert.ok(!ok(agentIdSchema, '-worker'));
    assert.ok(!ok(agentIdSchema, 'a'.repeat(64)));
  });
});

describe('terminal frames', () => {
  it('parse from text and from the bytes a websocket hands over, and refuse what is not a frame', () => {
    const hello = { ok: true, frame: { type: 'hello', lastSeq: 0 } };
    assert.deepEqual(parseClientFrame('{"type":"hello"}'), hello);
    assert.deepEqual(parseClientFrame(Buffer.from('{"type":"hello"}')), hello);
    assert.deepEqual(parseClientFrame('{"type":"input","data":"é"}'), {
      ok: true,
      frame: { type: 'input', data: 'é' },
    });
    assert.deepEqual(parseClientFrame('not json'), { ok: false, message: 'frame is not valid JSON' });
    assert.equal(parseClientFrame('{"type":"resize","cols":1,"rows":1}').ok, false);
    assert.equal(parseClientFrame(JSON.stringify({ type: 'input', data: 'x'.repeat(70_000) })).ok, false);
  });
});
