import type { z } from 'zod';
import { BerthError } from '../../contract/errors.ts';
import { isAgentAuthorization } from '../agents/agent-token.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { readCookie, SESSION_COOKIE } from '../auth/session-cookie.ts';
import { userFromToken } from '../auth/user-from-token.ts';
import { errorResponse, validationError } from './error-response.ts';
import { assertSameOrigin } from './same-origin.ts';

// The one wrapper for JSON route handlers: parses and validates the body, resolves the user,
// and turns every thrown error into {"error":{code,message}}. Handlers stay one call long.

type Params = Record<string, string>;

interface Ctx<B> {
  req: Request;
  params: Params;
  body: B;
}

const MAX_BODY_BYTES = 64 * 1024;

async function readBody<S extends z.ZodType>(req: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  const text = await req.text();
  if (text.length > maxBytes) throw new BerthError('payload_too_large', 'request body is too large');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new BerthError('bad_request', 'request body is not valid JSON');
  }
  const r = schema.safeParse(json);
  if (!r.success) throw validationError(r.error.issues);
  return r.data;
}

export async function requireUser(req: Request): Promise<SessionUser> {
  const user = await userFromToken(readCookie(req.headers.get('cookie'), SESSION_COOKIE));
  if (!user) throw new BerthError('unauthorized', 'Sign in first (POST /api/auth/guest).');
  return user;
}

type RouteContext = { params: Promise<Params> };

type BodyOf<S> = S extends z.ZodType ? z.infer<S> : undefined;

function route<S extends z.ZodType | undefined, U>(
  schema: S,
  authenticate: (req: Request) => Promise<U>,
  handler: (ctx: Ctx<BodyOf<S>> & { user: U }) => Promise<Response>,
  maxBodyBytes = MAX_BODY_BYTES,
) {
  return async (req: Request, context: RouteContext): Promise<Response> => {
    try {
      // Where from, who, then what: an anonymous caller learns nothing about body validation.
      assertSameOrigin(req.headers.get('origin'), req.headers.get('host') ?? undefined);
      const user = await authenticate(req);
      const params = (await context?.params) ?? {};
      const body = (schema ? await readBody(req, schema, maxBodyBytes) : undefined) as BodyOf<S>;
      return await handler({ req, params, body, user });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

export function publicRoute<S extends z.ZodType | undefined>(
  schema: S,
  handler: (ctx: Ctx<BodyOf<S>>) => Promise<Response>,
) {
  return route(schema, async () => undefined, handler);
}

// opts.maxBodyBytes: for the few routes that carry more than a small JSON body (the editor's files).
export function userRoute<S extends z.ZodType | undefined>(
  schema: S,
  handler: (ctx: Ctx<BodyOf<S>> & { user: SessionUser }) => Promise<Response>,
  opts: { maxBodyBytes?: number } = {},
) {
  return route(schema, requireUser, handler, opts.maxBodyBytes);
}

// Instructor-only routes: a signed-in learner gets 403, no session 401.
export function instructorRoute<S extends z.ZodType | undefined>(
  schema: S,
  handler: (ctx: Ctx<BodyOf<S>> & { user: SessionUser }) => Promise<Response>,
) {
  return route(
    schema,
    async (req) => {
      const user = await requireUser(req);
      if (user.role !== 'instructor') throw new BerthError('forbidden', 'Only instructors may do this.');
      return user;
    },
    handler,
  );
}

// Routes called by sandbox agents, not browsers: the shared agent token as a bearer token.
export function agentRoute<S extends z.ZodType | undefined>(
  schema: S,
  handler: (ctx: Ctx<BodyOf<S>>) => Promise<Response>,
) {
  return route(
    schema,
    async (req) => {
      if (!isAgentAuthorization(req.headers.get('authorization')))
        throw new BerthError('unauthorized', 'missing or wrong agent token');
    },
    handler,
  );
}
