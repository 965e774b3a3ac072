import WebSocket from 'ws';
import type { z } from 'zod';
import {
  agentSandboxListSchema,
  agentSandboxViewSchema,
  execResultSchema,
  removedSchema,
  type revealAnswersBody,
  revealedAnswersSchema,
} from '../../contract/agent-api.ts';
import { type CheckTask, checkOutcomesSchema } from '../../contract/checks.ts';
import { BerthError, type ErrorCode, errorBodySchema, errorStatus } from '../../contract/errors.ts';
import { nodeFileListingSchema, writtenFileSchema } from '../../contract/node-files.ts';
import { publishedPortsSchema } from '../../contract/published-ports.ts';

// The control plane's side of the agent API: every response is validated, every failure is a BerthError.
export interface AgentRef {
  id: string;
  url: string;
  token: string;
}

async function call<T extends z.ZodType>(
  agent: AgentRef,
  method: string,
  path: string,
  schema: T,
  body?: unknown,
  timeoutMs = 90_000,
): Promise<z.infer<T>> {
  let res: Response;
  try {
    res = await fetch(`${agent.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new BerthError(
      'agent_unavailable',
      `Sandbox host ${agent.id} is not answering (${(e as Error).message}).`,
    );
  }
  const json: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = errorBodySchema.safeParse(json).data?.error;
    const code = (err && err.code in errorStatus ? err.code : 'internal') as ErrorCode;
    throw new BerthError(code, err?.message ?? `agent answered ${res.status}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new BerthError('internal', `agent ${agent.id} sent an unexpected answer to ${path}`);
  return parsed.data;
}

export const agentApi = {
  createSandbox: (a: AgentRef, input: { id: string; owner: string; nodes: string[]; expiresAt: Date }) =>
    call(a, 'POST', '/v1/sandboxes', agentSandboxViewSchema, input),
  listSandboxes: async (a: AgentRef) =>
    (await call(a, 'GET', '/v1/sandboxes', agentSandboxListSchema)).sandboxes,
  removeSandbox: (a: AgentRef, id: string) =>
    call(a, 'DELETE', `/v1/sandboxes/${encodeURIComponent(id)}`, removedSchema),
  runChecks: (a: AgentRef, id: string, input: { node: string; timeoutMs: number; tasks: CheckTask[] }) =>
    call(
      a,
      'POST',
      `/v1/sandboxes/${encodeURIComponent(id)}/checks`,
      checkOutcomesSchema,
      input,
      input.timeoutMs + 10_000,
    ),
  /** For `lessons verify` only: the values live answers expect (never sent on to a browser). */
  revealAnswers: (a: AgentRef, id: string, input: z.input<typeof revealAnswersBody>) =>
    call(
      a,
      'POST',
      `/v1/sandboxes/${encodeURIComponent(id)}/answers`,
      revealedAnswersSchema,
      input,
      input.timeoutMs + 10_000,
    ),
  exec: (a: AgentRef, id: string, node: string, script: string, timeoutMs: number) =>
    call(
      a,
      'POST',
      `/v1/sandboxes/${encodeURIComponent(id)}/nodes/${node}/exec`,
      execResultSchema,
      { script, timeoutMs },
      timeoutMs + 10_000,
    ),
  readFile: (a: AgentRef, id: string, node: string, path: string) =>
    call(
      a,
      'GET',
      `/v1/sandboxes/${encodeURIComponent(id)}/nodes/${node}/files?path=${encodeURIComponent(path)}`,
      nodeFileListingSchema,
      undefined,
      30_000,
    ),
  writeFile: (a: AgentRef, id: string, node: string, path: string, content: string) =>
    call(
      a,
      'PUT',
      `/v1/sandboxes/${encodeURIComponent(id)}/nodes/${node}/files?path=${encodeURIComponent(path)}`,
      writtenFileSchema,
      { content },
      30_000,
    ),
  // With `after` (the version the caller has), the agent answers when the ports change or after waitMs.
  publishedPorts: (a: AgentRef, id: string, opts: { after?: string; waitMs?: number } = {}) =>
    call(
      a,
      'GET',
      `/v1/sandboxes/${encodeURIComponent(id)}/ports?${new URLSearchParams({
        ...(opts.after ? { after: opts.after } : {}),
        waitMs: String(opts.waitMs ?? 0),
      })}`,
      publishedPortsSchema,
      undefined,
      (opts.waitMs ?? 0) + 10_000,
    ),
  openTerminal: (a: AgentRef, id: string, node: string): WebSocket =>
    new WebSocket(
      `${a.url.replace(/^http/, 'ws')}/v1/sandboxes/${encodeURIComponent(id)}/nodes/${node}/terminal`,
      {
        headers: { authorization: `Bearer ${a.token}` },
        perMessageDeflate: false,
      },
    ),
};
