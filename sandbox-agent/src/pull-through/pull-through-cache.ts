import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

// A disk cache in front of an upstream, shared by the registry and apt pull-throughs: each key is fetched
// from upstream at most once at a time (everyone who asks meanwhile waits for that one download), kept
// for good (content-addressed things) or for a while (tags, apt indexes), and served stale when upstream
// fails. A body is stored under its own hash and its metadata (which names that hash) renamed into place
// last, so a reader sees the old answer or the new one, never half of one.

// What upstream answered; the body streams to disk and is checked against `digest` when there is one.
export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | null;
  digest?: string;
}

const metaSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  fetchedAt: z.number(),
});
export type CachedMeta = z.infer<typeof metaSchema>;

export interface CachedEntry {
  meta: CachedMeta;
  file: string;
}

export interface CacheOptions {
  // Unset: kept for good. Otherwise upstream is asked again once the entry is older than this.
  maxAgeMs?: number;
  // Statuses worth keeping besides 200 (a 404 for a tag or index that does not exist, say).
  keep?: number[];
  // Checks a downloaded 200 body (still under its temporary name) before it is kept; throws to refuse it.
  verify?: (file: string) => Promise<void>;
}

// Nothing usable: upstream failed, or answered `upstreamStatus` (a 404 not worth keeping, say).
export class CachedFetchError extends Error {
  constructor(
    message: string,
    readonly upstreamStatus?: number,
  ) {
    super(message);
  }
}

export class PullThroughCache {
  private readonly inflight = new Map<string, Promise<CachedEntry>>();

  constructor(private readonly root: string) {}

  // Where a key's metadata lives, and its body with a given content hash.
  private base(key: string): string {
    const h = createHash('sha256').update(key).digest('hex');
    return path.join(this.root, h.slice(0, 2), h);
  }

  private async read(key: string): Promise<CachedEntry | undefined> {
    const base = this.base(key);
    const text = await fs.readFile(`${base}.json`, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return undefined;
    }
    const meta = metaSchema.safeParse(json);
    return meta.success ? { meta: meta.data, file: `${base}.${meta.data.sha256}` } : undefined;
  }

  // The cached answer for `key`, fetching it when it is missing or too old. Everyone who asks for a key
  // while it is being looked up shares that one lookup, so it is fetched at most once at a time. Throws
  // CachedFetchError when upstream fails and nothing usable is cached.
  get(key: string, opts: CacheOptions, fetchUpstream: () => Promise<UpstreamAnswer>): Promise<CachedEntry> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.lookup(key, opts, fetchUpstream).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async lookup(
    key: string,
    opts: CacheOptions,
    fetchUpstream: () => Promise<UpstreamAnswer>,
  ): Promise<CachedEntry> {
    const cached = await this.read(key);
    if (cached && (opts.maxAgeMs === undefined || Date.now() - cached.meta.fetchedAt < opts.maxAgeMs)) {
      return cached;
    }
    try {
      return await this.fetchAndStore(key, opts, fetchUpstream);
    } catch (e) {
      // Stale beats nothing: a class keeps working through an upstream outage with what it already has.
      if (cached) return cached;
      throw e;
    }
  }

  private async fetchAndStore(
    key: string,
    opts: CacheOptions,
    fetchUpstream: () => Promise<UpstreamAnswer>,
  ): Promise<CachedEntry> {
    const answer = await fetchUpstream().catch((e: unknown) => {
      throw new CachedFetchError(`upstream unreachable: ${e instanceof Error ? e.message : String(e)}`);
    });
    if (answer.status !== 200 && !(opts.keep ?? []).includes(answer.status)) {
      await answer.body?.cancel().catch(() => {});
      throw new CachedFetchError(`upstream answered ${answer.status}`, answer.status);
    }
    const base = this.base(key);
    await fs.mkdir(path.dirname(base), { recursive: true });
    const tmp = `${base}.${randomBytes(6).toString('hex')}.part`;
    const hash = createHash('sha256');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      const body =
        answer.status === 200 && answer.body ? Readable.fromWeb(answer.body as never) : Readable.from([]);
      await pipeline(body, count, createWriteStream(tmp));
      const sha256 = hash.digest('hex');
      if (answer.status === 200 && answer.digest && answer.digest !== `sha256:${sha256}`) {
        throw new CachedFetchError(`upstream sent content that is not ${answer.digest}`);
      }
      if (answer.status === 200 && opts.verify) {
        await opts.verify(tmp).catch((e: unknown) => {
          throw new CachedFetchError(`refused: ${e instanceof Error ? e.message : String(e)}`);
        });
      }
      const meta: CachedMeta = {
        status: answer.status,
        headers: answer.headers,
        sha256,
        size,
        fetchedAt: Date.now(),
      };
      const previous = await this.read(key);
      const file = `${base}.${sha256}`;
      await fs.rename(tmp, file);
      await fs.writeFile(`${tmp}.json`, JSON.stringify(meta));
      await fs.rename(`${tmp}.json`, `${base}.json`);
      if (previous && previous.file !== file) await fs.rm(previous.file, { force: true });
      return { meta, file };
    } catch (e) {
      await fs.rm(`${tmp}.json`, { force: true });
      await fs.rm(tmp, { force: true });
      if (e instanceof CachedFetchError) throw e;
      throw new CachedFetchError(
        `download from upstream failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
}
