import { z } from 'zod';
import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { httpGet } from './http-get.ts';
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
  // The lesson's own practice account in the learner's sandbox: no secret to hide there.
  const login = a.username && a.password ? `${a.username}:${a.password}` : undefined;
  const catalog = await getJson(inner, `${base}/v2/_catalog?n=1000`, timeoutMs, login);
  if ('unauthorized' in catalog) {
    return a.username
      ? fail('registry_login_refused', { url: base, username: a.username })
      : fail('registry_login_required', { url: base });
  }
  if ('error' in catalog) return fail('registry_unreachable', { url: base, error: catalog.error });
  const repositories = catalogSchema.safeParse(catalog.body).data?.repositories ?? [];
  if (!repositories.includes(a.repository)) {
    return fail('registry_repo_missing', {
      url: base,
      repository: a.repository,
      repositories: list(repositories),
    });
  }
  const tagsAnswer = await getJson(inner, `${base}/v2/${a.repository}/tags/list`, timeoutMs, login);
  if (!('body' in tagsAnswer)) {
    const error = 'error' in tagsAnswer ? tagsAnswer.error : 'HTTP 401';
    return fail('registry_unreachable', { url: base, error });
  }
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
  login?: string,
): Promise<{ body: unknown } | { error: string } | { unauthorized: true }> {
  const res = await httpGet(inner, url, timeoutMs, login);
  if (res.kind !== 'answered') return { error: res.error };
  if (res.code === 401) return { unauthorized: true };
  if (res.code !== 200) return { error: `HTTP ${res.code}` };
  try {
    return { body: JSON.parse(res.body) };
  } catch {
    return { error: 'not a registry (the answer is not JSON)' };
  }
}

function list(items: string[]): string {
  return items.length ? items.slice(0, 20).join(', ') : '—';
}
