// Browser-side client of Berth's HTTP API: one function per route, responses validated with zod.
import { z } from 'zod';
import type { LearnerAnswers as Answers } from '../../contract/answers';
import { checkResultSchema } from '../../contract/check-result';
import { errorBodySchema } from '../../contract/errors';
import { nodeFileListingSchema, writtenFileSchema } from '../../contract/node-files';
import { previewTicketSchema } from '../../contract/preview-ticket';
import {
  progressSchema,
  type SandboxOnLive,
  sandboxSchema,
  userEnvelopeSchema,
} from '../../contract/public-api';
import { portLinksSchema } from '../../contract/published-ports';

/** A failed API call. `code` is the server's error code, or `network` / `bad_response` from this side. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** The whole error body, for routes that say more than code and message (a 409 sandbox conflict). */
  readonly body: unknown;

  constructor(code: string, status: number, message: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.body = body;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** One call of the API, its answer validated with `schema`; other clients (./classroom-api.ts) build on it. */
export async function request<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: S,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: options.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('network', 0, 'The server could not be reached.');
  }

  let json: unknown;
  try {
    json = res.status === 204 ? {} : await res.json();
  } catch {
    throw new ApiError(
      res.ok ? 'bad_response' : `http_${res.status}`,
      res.status,
      `Unexpected response (${res.status}).`,
    );
  }

  if (!res.ok) {
    const body = errorBodySchema.safeParse(json);
    if (body.success) throw new ApiError(body.data.error.code, res.status, body.data.error.message, json);
    throw new ApiError(`http_${res.status}`, res.status, `Request failed (${res.status}).`);
  }

  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ApiError('bad_response', res.status, 'The server sent an unexpected answer.');
  return parsed.data;
}

export const berthApi = {
  me: (signal?: AbortSignal) => request('GET', '/api/auth/me', userEnvelopeSchema, { signal }),
  signInAsGuest: (name: string) => request('POST', '/api/auth/guest', userEnvelopeSchema, { body: { name } }),
  /** With `onLive: 'ask'` a live sandbox of another lesson answers 409 (sandboxConflictSchema in `body`). */
  createSandbox: (lessonId: string, onLive: SandboxOnLive, signal?: AbortSignal) =>
    request('POST', '/api/sandboxes', sandboxSchema, { body: { lessonId, onLive }, signal }),
  /** With waitMs, a starting sandbox is answered once it is ready (or failed), or after waitMs. */
  getSandbox: (id: string, signal?: AbortSignal, waitMs = 0) =>
    request(
      'GET',
      `/api/sandboxes/${encodeURIComponent(id)}${waitMs ? `?waitMs=${waitMs}` : ''}`,
      sandboxSchema,
      { signal },
    ),
  deleteSandbox: (id: string) => request('DELETE', `/api/sandboxes/${encodeURIComponent(id)}`, z.unknown()),
  runCheck: (sandboxId: string, exerciseId: string, lang: string, answers?: Answers) =>
    request('POST', `/api/sandboxes/${encodeURIComponent(sandboxId)}/checks`, checkResultSchema, {
      body: { exerciseId, lang, answers },
    }),
  /** A pure quiz, without a sandbox. */
  answerQuiz: (exerciseId: string, lang: string, answers: Answers) =>
    request('POST', '/api/answers', checkResultSchema, { body: { exerciseId, lang, answers } }),
  progress: (signal?: AbortSignal) => request('GET', '/api/progress', progressSchema, { signal }),
  readFile: (sandboxId: string, node: string, path: string, signal?: AbortSignal) =>
    request(
      'GET',
      `/api/sandboxes/${encodeURIComponent(sandboxId)}/files?node=${encodeURIComponent(node)}&path=${encodeURIComponent(path)}`,
      nodeFileListingSchema,
      { signal },
    ),
  /** With `after` (the version on screen) the server answers when the ports change, or after ~20 s. */
  publishedPorts: (sandboxId: string, after: string | undefined, signal?: AbortSignal) =>
    request(
      'GET',
      `/api/sandboxes/${encodeURIComponent(sandboxId)}/ports${after ? `?after=${encodeURIComponent(after)}` : ''}`,
      portLinksSchema,
      { signal },
    ),
  /** A link to one preview on the preview origin, with a ticket that works once, within a minute. */
  openPreview: (sandboxId: string, node: string, port: number) =>
    request('POST', `/api/sandboxes/${encodeURIComponent(sandboxId)}/previews`, previewTicketSchema, {
      body: { node, port },
    }),
  writeFile: (sandboxId: string, node: string, path: string, content: string) =>
    request('PUT', `/api/sandboxes/${encodeURIComponent(sandboxId)}/files`, writtenFileSchema, {
      body: { node, path, content },
    }),
};
