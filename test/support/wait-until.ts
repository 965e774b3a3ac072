import assert from 'node:assert/strict';

/** Polls `ok` until it holds, failing the test after `ms`. */
export async function waitUntil(
  ok: () => boolean | Promise<boolean>,
  ms = 10_000,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  assert.fail(`condition not met within ${ms} ms`);
}
