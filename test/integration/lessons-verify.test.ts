import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type LocalAgent, startLocalAgent } from '../../cli/agent-process.ts';
import { parseVerifyArgs, runLessonsVerify } from '../../cli/lessons-verify.ts';
import { typeInTerminal } from '../../cli/terminal-typist.ts';
import { agentConfig } from '../../sandbox-agent/src/config.ts';
import { Engine } from '../../sandbox-agent/src/docker/engine.ts';
import { LABEL } from '../../sandbox-agent/src/docker/labels.ts';
import { startSandboxEngine } from '../../sandbox-agent/src/host/index.ts';
import { agentApi } from '../../server/agents/agent-client.ts';
import { loadCourse } from '../../server/lessons/load-course.ts';

// Every exercise of the course, on a real sandbox: its checks fail on a fresh sandbox and pass
// after its reference solution, typed into the terminal. A check that cannot fail (or cannot pass) is
// caught here. Sandboxes go through a real agent process's HTTP API and its terminal websocket, the path
// learners' sandboxes take: a recording proxy in front of the agent sees every call and upgrade.
describe('./berth lessons verify', () => {
  let agent: LocalAgent;
  let proxy: http.Server;
  let proxyUrl: string;
  const calls: string[] = [];

  before(async () => {
    await startSandboxEngine();
    agent = await startLocalAgent(`verify-test-${process.pid}`);
    const target = new URL(agent.ref.url);
    proxy = http.createServer((req, res) => {
      calls.push(`${req.method} ${req.url}`);
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    // The terminal websocket: the upgrade request is recorded, then both sockets are joined as they are.
    proxy.on('upgrade', (req, socket, head) => {
      calls.push(`UPGRADE ${req.url}`);
      const upstream = net.connect(Number(target.port), target.hostname, () => {
        const headers = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2)
          headers.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
        upstream.write(head);
        socket.pipe(upstream).pipe(socket);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  after(async () => {
    proxy?.close();
    await agent?.stop();
  });

  test('passes for every exercise, each one driven through the agent API and its terminal', async () => {
    const code = await runLessonsVerify([], { agent: { ...agent.ref, url: proxyUrl }, jobs: 2 });
    assert.equal(code, 0);
    // A pure quiz is verified without a sandbox, so without the agent; an exercise with live answers
    // also asks the agent for their values after the solution and checks near misses of them.
    const all = [...(await loadCourse()).exercises.values()];
    const exercises = all.filter((e) => !e.pureQuiz).length;
    const live = all.filter((e) => e.tasks.some((t) => t.answer?.kind === 'live')).length;
    const routes = calls.map((c) => c.replace(/\/v1\/sandboxes\/[^/?]+/, '/v1/sandboxes/:id'));
    const count = (route: string) => routes.filter((r) => r === route).length;
    console.log(
      `  ${exercises} exercises on sandboxes (${live} with live answers), ${all.length - exercises} quizzes, ${calls.length} agent API calls`,
    );
    assert.equal(count('POST /v1/sandboxes'), exercises, 'one fresh sandbox per exercise');
    assert.equal(count('POST /v1/sandboxes/:id/checks'), 2 * exercises + live, 'checks before and after');
    assert.equal(count('POST /v1/sandboxes/:id/answers'), live, 'live answers revealed once, after');
    assert.equal(
      routes.filter((r) => /^UPGRADE \/v1\/sandboxes\/:id\/nodes\/node\d\/terminal$/.test(r)).length,
      exercises,
      'the reference solution is typed into a terminal session',
    );
    assert.equal(routes.filter((r) => r.endsWith('/exec')).length, 0, 'never through the exec route');
    assert.equal(count('DELETE /v1/sandboxes/:id'), exercises, 'every sandbox removed');
    assert.equal(routes.length, 5 * exercises + 2 * live, `nothing else: ${routes.join(', ')}`);
    const left = await fetch(`${agent.ref.url}/v1/sandboxes`, {
      headers: { authorization: `Bearer ${agent.ref.token}` },
    }).then((r) => r.json());
    assert.deepEqual(left, { sandboxes: [] });
    // BERTH_AGENT_REGISTER=false: it never tried to reach a control plane (no learner can be placed on it).
    assert.doesNotMatch(agent.logs(), /heartbeat|registered/);
    assert.match(agent.logs(), /"BERTH_AGENT_REGISTER":false/);
  });

  test('with no agent given it starts one of its own, registered nowhere, and stops it', async () => {
    const id = `verify-${process.pid}`;
    const children = () =>
      execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes('sandbox-agent/src/main.ts'));
    const before = children().length;
    const code = await runLessonsVerify(['networking/container-links/ping-by-name']);
    assert.equal(code, 0);
    assert.equal(children().length, before, 'its agent process is gone');
    const engine = new Engine(agentConfig().BERTH_ENGINE_SOCKET);
    assert.deepEqual(await engine.listContainers({ [LABEL.agent]: id }), [], 'its sandboxes are gone');
  });

  test('refuses an unknown exercise id and a bad --jobs', async () => {
    assert.equal(await runLessonsVerify(['no-such/lesson']), 1);
    assert.equal(await runLessonsVerify(['--jobs', '0']), 1);
    assert.deepEqual(parseVerifyArgs(['--jobs=3', 'networking']), { ids: ['networking'], jobs: 3 });
    assert.deepEqual(parseVerifyArgs(['-j', '2', 'a/b', 'c/d']), { ids: ['a/b', 'c/d'], jobs: 2 });
    assert.ok('error' in parseVerifyArgs(['--fast']));
  });

  test('the typist waits for each prompt, types through here-documents and continued lines, counts failures', async () => {
    const id = `typist-${process.pid}`;
    await agentApi.createSandbox(agent.ref, {
      id,
      owner: 'verify-test',
      nodes: ['node1'],
      expiresAt: new Date(Date.now() + 600_000),
    });
    try {
      const script = [
        'mkdir -p /root/t && cd /root/t',
        "cat > notes.txt <<'EOF'",
        'first $HOME',
        'EOF',
        'echo second \\',
        '  line >> notes.txt',
        'false',
        'ls /no/such/dir',
        // Refused by bash's history expansion before anything runs: no ERR trap fires, yet it failed.
        'echo "never!run" >> notes.txt',
        // A command that reads the terminal: typed-ahead lines must not reach it.
        'read -t 3 answer; echo "answer=[$answer]" >> notes.txt',
        'echo third >> notes.txt',
      ].join('\n');
      const typed = await typeInTerminal(agentApi.openTerminal(agent.ref, id, 'node1'), script, {
        timeoutMs: 60_000,
      });
      assert.equal(
        typed.failed,
        4,
        `false, ls, the refused echo and the read that timed out fail: ${typed.transcript.slice(-500)}`,
      );
      const res = await agentApi.exec(agent.ref, id, 'node1', 'cat /root/t/notes.txt', 10_000);
      assert.equal(res.output, 'first $HOME\nsecond line\nanswer=[]\nthird\n');
    } finally {
      await agentApi.removeSandbox(agent.ref, id);
    }
  });
});
