import { z } from 'zod';
import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { curlError } from './command-output.ts';
import type { InnerEngine } from './inner-engine.ts';

const catalogSchema = z.object({ repositories: z.array(z.string()).nullable().default([]) });
const tagsSchema = z.object({ tags: z.array(z.string()).nullable().default([]) });

// A registry's repositories and tags, asked over its HTTP API from the node (like `curl` typed on that host).
export async function evaluateRegistryHas(
  a: Extract<Assertion, { type: 'registry_has' }>,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<AssertionOutcome> {
  const base = a.url.replace(/\/+$/, '');
  const catalog = await getJson(inner, `${base}/v2/_catalog?n=1000`, timeoutMs);
  if ('error' in catalog) return fail('registry_unreachable', { url: base, error: catalog.error });
  const repositories = catalogSchema.safeParse(catalog.body).data?.repositories ?? [];
  if (!repositories.includes(a.repository)) {
    return fail('registry_repo_missing', {
      url: base,
      repository: a.repository,
      repositories: list(repositories),
    });
  }
  const tagsAnswer = await getJson(inner, `${base}/v2/${a.repository}/tags/list`, timeoutMs);
  if ('error' in tagsAnswer) return fail('registry_unreachable', { url: base, error: tagsAnswer.error });
  const tags = tagsSchema.safeParse(tagsAnswer.body).data?.tags ?? [];
  if (!tags.includes(a.tag)) {
    return fail('registry_tag_missing', {
      url: base,
      repository: a.repository,
      tag: a.tag,
      tags: list(tags),
    });
  }
  return ok('registry_ok', { url: base, repository: a.repository, tag: a.tag });
}

async function getJson(
  inner: InnerEngine,
  url: string,
  timeoutMs: number,
): Promise<{ body: unknown } | { error: string }> {
  const seconds = Math.max(1, Math.min(5, Math.floor(timeoutMs / 1000) - 1));
  const res = await inner.run(
    ['curl', '-sS', '--max-time', String(seconds), '--max-filesize', '1048576', '-w', '\n%{http_code}', url],
    timeoutMs,
  );
  if (res.exitCode !== 0 || res.timedOut) return { error: curlError(res.output) };
  const nl = res.output.lastIndexOf('\n');
  const status = res.output.slice(nl + 1).trim();
  if (status !== '200') return { error: `HTTP ${status}` };
  try {
    return { body: JSON.parse(res.output.slice(0, nl)) };
  } catch {
    return { error: 'not a registry (the answer is not JSON)' };
  }
}

function list(items: string[]): string {
  return items.length ? items.slice(0, 20).join(', ') : '—';
}
