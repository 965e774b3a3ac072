import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { CachedFetchError, PullThroughCache, type UpstreamAnswer } from './pull-through-cache.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));
async function newCache(): Promise<PullThroughCache> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-pull-through-'));
  dirs.push(dir);
  return new PullThroughCache(dir);
}

// An upstream that counts its fetches and answers `body` after `delayMs`.
function upstream(body: string, opts: { delayMs?: number; status?: number; digest?: string } = {}) {
  const calls = { n: 0 };
  const fetch = async (): Promise<UpstreamAnswer> => {
    calls.n++;
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
    return {
      status: opts.status ?? 200,
      headers: { 'content-type': 'text/plain' },
      body: new Response(body).body,
      ...(opts.digest ? { digest: opts.digest } : {}),
    };
  };
  return { calls, fetch };
}

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

test('twenty concurrent asks for one key make one upstream fetch, and later asks none', async () => {
  const cache = await newCache();
  const up = upstream('layer bytes', { delayMs: 50, digest: sha('layer bytes') });
  const entries = await Promise.all(Array.from({ length: 20 }, () => cache.get('blob a', {}, up.fetch)));
  assert.equal(up.calls.n, 1);
  for (const e of entries) assert.equal(await fs.readFile(e.file, 'utf8'), 'layer bytes');
  await cache.get('blob a', {}, up.fetch);
  assert.equal(up.calls.n, 1);
  assert.equal(entries[0]!.meta.size, 11);
  assert.equal(entries[0]!.meta.headers['content-type'], 'text/plain');
});

test('an entry with a max age is fetched again once older; a fresh one is not', async () => {
  const cache = await newCache();
  const first = upstream('v1');
  await cache.get('tag', { maxAgeMs: 60_000 }, first.fetch);
  await cache.get('tag', { maxAgeMs: 60_000 }, first.fetch);
  assert.equal(first.calls.n, 1);
  const second = upstream('v2');
  const e = await cache.get('tag', { maxAgeMs: 0 }, second.fetch);
  assert.equal(second.calls.n, 1);
  assert.equal(await fs.readFile(e.file, 'utf8'), 'v2');
});

test('when upstream fails, a stale entry is served; with none, the error says why', async () => {
  const cache = await newCache();
  await cache.get('index', { maxAgeMs: 0 }, upstream('old index').fetch);
  const down = async (): Promise<UpstreamAnswer> => {
    throw new Error('connect ECONNREFUSED');
  };
  const stale = await cache.get('index', { maxAgeMs: 0 }, down);
  assert.equal(await fs.readFile(stale.file, 'utf8'), 'old index');
  await assert.rejects(cache.get('other', {}, down), /upstream unreachable: connect ECONNREFUSED/);
});

test('content that does not match its digest is refused and not kept', async () => {
  const cache = await newCache();
  const evil = upstream('tampered', { digest: sha('original') });
  await assert.rejects(cache.get('blob b', {}, evil.fetch), /not sha256:/);
  const good = upstream('original', { digest: sha('original') });
  const e = await cache.get('blob b', {}, good.fetch);
  assert.equal(good.calls.n, 1, 'the refused content was not cached');
  assert.equal(await fs.readFile(e.file, 'utf8'), 'original');
});

test('a 404 is kept only where asked for, and is otherwise an error with its status', async () => {
  const cache = await newCache();
  const missing = upstream('', { status: 404 });
  const kept = await cache.get('tag nope', { maxAgeMs: 60_000, keep: [404] }, missing.fetch);
  assert.equal(kept.meta.status, 404);
  await cache.get('tag nope', { maxAgeMs: 60_000, keep: [404] }, missing.fetch);
  assert.equal(missing.calls.n, 1);
  await assert.rejects(
    cache.get('blob nope', {}, missing.fetch),
    (e: unknown) => e instanceof CachedFetchError && e.upstreamStatus === 404,
  );
});
