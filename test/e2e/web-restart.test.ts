import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import {
  type ConnectionState,
  type SocketLike,
  TerminalConnection,
} from '../../components/terminal/terminal-connection.ts';
import { terminalSocketUrl } from '../../components/terminal/terminal-protocol.ts';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchBrowser } from '../support/browser.ts';
import { signInFromPane, typeLine, waitForTerminal } from '../support/terminal-page.ts';

// The web server (server/main.ts: Next + the terminal gateway) is killed and started again under an open
// terminal. The shell lives on the agent, so nothing of it is lost: the page says it is reconnecting,
// reconnects on its own with backoff, replays what it missed exactly once, and takes input again.

const LESSON_PATH = '/lessons/networking/container-links';
const TICKS = 12;

const count = (text: string, needle: string) => text.split(needle).length - 1;

// Numbered lines printed by the shell while the web server is down, so they can only arrive by replay.
const ticker = (tag: string) => `(sleep 1; for i in $(seq 1 ${TICKS}); do echo ${tag}-$i; sleep 0.5; done) &`;

function assertEachOnce(text: string, tag: string): void {
  for (let i = 1; i <= TICKS; i++) {
    const shown = text.match(new RegExp(`${tag}-${i}(?!\\d)`, 'g'))?.length ?? 0;
    assert.equal(shown, 1, `${tag}-${i} is shown once, not ${shown} times`);
  }
}

describe('the web server restarts under an open terminal', () => {
  let berth: RunningBerth;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  before(async () => {
    berth = await startBerth();
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  });

  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  test("the learner's page says it is reconnecting, comes back by itself with its output once, and takes input", async (t) => {
    await page.goto(`${berth.baseUrl}${LESSON_PATH}`);
    await signInFromPane(page, 'Lin');
    await waitForTerminal(page, /root@node1:~#/, 90_000);
    const status = page.locator('[data-testid="terminal-status"]');
    await status.and(page.locator('[data-state="connected"]')).waitFor();
    // Every state the status pill goes through, with when.
    await page.evaluate(() => {
      const w = window as unknown as { berthStates: string[] };
      w.berthStates = [];
      const el = document.querySelector('[data-testid="terminal-status"]')!;
      new MutationObserver(() => w.berthStates.push(el.getAttribute('data-state') ?? '?')).observe(el, {
        attributes: true,
        attributeFilter: ['data-state'],
      });
    });

    await typeLine(page, 'clear; echo before-restart-$((6*7))');
    await waitForTerminal(page, /before-restart-42/);
    await typeLine(page, ticker('web-tick'));
    // The kill must not race the Enter key: bash's job line says the ticker runs (its first tick is 1 s off).
    await waitForTerminal(page, /\[1\] \d+/);

    const killedAt = Date.now();
    await berth.restartWeb('SIGKILL');
    const upAt = Date.now();
    await status.and(page.locator('[data-state="connected"]')).waitFor({ timeout: 30_000 });
    const connectedAt = Date.now();
    const seen = await page.evaluate(() => (window as unknown as { berthStates: string[] }).berthStates);
    const text = await waitForTerminal(page, new RegExp(`web-tick-${TICKS}\\b`), 30_000);
    t.diagnostic(
      `web server down and back in ${upAt - killedAt} ms; page reconnected ${connectedAt - upAt} ms after it answered; status went ${seen.join(' → ')}`,
    );
    assert.ok(seen.includes('reconnecting'), 'the page showed that it was reconnecting');
    assert.equal(seen.at(-1), 'connected');
    assert.ok(!seen.includes('gone'), 'the sandbox was never given up');
    assert.equal(count(text, 'before-restart-42'), 1, 'output from before the restart is shown once');
    assertEachOnce(text, 'web-tick');

    await typeLine(page, 'echo after-restart-$((6*7))');
    await waitForTerminal(page, /after-restart-42/);
  });

  test('over plain ws: backoff doubles up to its cap, hello resumes from lastSeq, nothing is shown twice', async (t) => {
    const cookies = await browser.context.cookies(berth.baseUrl);
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    // One live sandbox per learner: POST returns the page's sandbox.
    const res = await fetch(`${berth.baseUrl}/api/sandboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ lessonId: 'networking/container-links' }),
    });
    const sandbox = (await res.json()) as { id: string; state: string };
    assert.equal(sandbox.state, 'ready');

    const hellos: number[] = [];
    const delays: number[] = [];
    const states: ConnectionState['kind'][] = [];
    let output = '';
    const conn = new TerminalConnection({
      url: terminalSocketUrl(new URL(berth.baseUrl), sandbox.id, 'node1'),
      onData: (d) => {
        output += d;
      },
      onState: (s) => {
        states.push(s.kind);
        if (s.kind === 'reconnecting' && s.retryAt > Date.now()) delays.push(s.retryAt - Date.now());
      },
      createSocket: (u) => {
        const ws = new WebSocket(u, { headers: { cookie } });
        const send = ws.send.bind(ws);
        ws.send = ((data: string) => {
          const frame = JSON.parse(data) as { type: string; lastSeq?: number };
          if (frame.type === 'hello') hellos.push(frame.lastSeq ?? -1);
          send(data);
        }) as typeof ws.send;
        return ws as unknown as SocketLike;
      },
      random: () => 0,
    });
    const until = async (cond: () => boolean, ms: number, what: string) => {
      const end = Date.now() + ms;
      while (!cond()) {
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}; output: ${output.slice(-400)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      conn.start();
      await until(() => conn.current.kind === 'connected', 20_000, 'connected');
      conn.send('echo ws-before-$((6*7))\r');
      await until(() => output.includes('ws-before-42'), 20_000, 'the marker');
      conn.send(`${ticker('ws-tick')}\r`);
      await new Promise((r) => setTimeout(r, 300));
      const seqAtKill = conn.lastSeq;

      // Down for 7 s: long enough for several attempts, so the backoff can be seen growing.
      await berth.restartWeb('SIGKILL', 7000);
      await until(() => conn.current.kind === 'connected', 30_000, 'reconnected');
      await until(() => output.includes(`ws-tick-${TICKS}`), 30_000, 'the last tick');
      t.diagnostic(
        `hellos ${JSON.stringify(hellos)} (lastSeq at kill ${seqAtKill}); reconnect delays ${delays.join(', ')} ms; states ${states.join(' → ')}`,
      );
      assert.equal(hellos[0], 0);
      assert.equal(hellos.length >= 2, true);
      // The first hello after the restart carries what we had seen by then: the gateway replays only the rest.
      assert.ok((hellos.at(-1) ?? 0) >= seqAtKill, 'resumed from lastSeq, not from 0');
      assert.ok(delays.length >= 3, 'several reconnect attempts while the web server was down');
      for (let i = 1; i < delays.length; i++) {
        assert.ok(
          delays[i]! >= delays[i - 1]! - 50,
          `backoff never shrinks while failing: ${delays.join(', ')}`,
        );
      }
      assert.ok(Math.max(...delays) <= 8000 * 1.2, 'backoff is capped');
      assert.ok(delays.at(-1)! > delays[0]! * 2, 'backoff grew');
      assert.equal(count(output, 'ws-before-42\r'), 1);
      assertEachOnce(output, 'ws-tick');

      conn.send('echo ws-after-$((6*7))\r');
      await until(() => output.includes('ws-after-42'), 20_000, 'input after the restart');
    } finally {
      conn.dispose();
    }
  });

  // Last: it leaves Berth without Redis and without a web server (after() copes with both).
  test('SIGTERM ends the web server even with Redis gone (closing its queues would wait for Redis forever)', async (t) => {
    await berth.redis.stop();
    const exited = berth.killWeb('SIGTERM');
    const ms = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 30_000))]);
    if (ms === 'hung') {
      await berth.killWeb('SIGKILL');
      assert.fail('the web server was still running 30 s after SIGTERM');
    }
    t.diagnostic(`web server exited ${ms} ms after SIGTERM`);
  });
});
