import { BerthError, type ErrorCode, errorStatus, isBerthError } from '../errors/berth-error.ts';

// The one place errors become HTTP: {"error":{"code","message"}} with the code's status; internals never leak.
export function errorBody(e: unknown): {
  status: number;
  body: { error: { code: ErrorCode; message: string } };
} {
  if (isBerthError(e))
    return { status: errorStatus[e.code], body: { error: { code: e.code, message: e.message } } };
  console.error('[berth] unexpected error', e);
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side.' } } };
}

export function errorResponse(e: unknown): Response {
  const { status, body } = errorBody(e);
  return Response.json(body, { status });
}

export function validationError(issues: { path: PropertyKey[]; message: string }[]): BerthError {
  const text = issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  return new BerthError('validation_failed', text || 'invalid input');
}
