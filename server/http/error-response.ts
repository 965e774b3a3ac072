import { BerthError, type ErrorCode, errorStatus, isBerthError } from '../../contract/errors.ts';
import { isStorageFull } from '../errors/storage-full.ts';

const STORAGE_FULL_MESSAGE =
  'The server is out of disk space, so this was not saved. Please try again later; if it keeps happening, tell whoever runs this Berth.';

// The one place errors become HTTP: {"error":{"code","message"}} with the code's status; internals never leak.
export function errorBody(e: unknown): {
  status: number;
  body: { error: { code: ErrorCode; message: string } };
} {
  if (isBerthError(e))
    return { status: errorStatus[e.code], body: { error: { code: e.code, message: e.message } } };
  // SQLite rolls the write back, so nothing is half-saved; say so instead of a bare 500.
  if (isStorageFull(e)) {
    console.error('[berth] the database disk is full', e);
    return {
      status: errorStatus.storage_full,
      body: { error: { code: 'storage_full', message: STORAGE_FULL_MESSAGE } },
    };
  }
  console.error('[berth] unexpected error', e);
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side.' } } };
}

export function errorResponse(e: unknown): Response {
  const { status, body } = errorBody(e);
  return Response.json(body, { status, headers: errorHeaders(e) });
}

/** Headers an error carries besides its body: Retry-After on a 429 (server/rate-limit/rate-limiter.ts). */
export function errorHeaders(e: unknown): Record<string, string> {
  if (!isBerthError(e) || e.code !== 'rate_limited') return {};
  const retry = (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof retry === 'number' && retry > 0 ? { 'retry-after': String(Math.ceil(retry)) } : {};
}

export function validationError(issues: { path: PropertyKey[]; message: string }[]): BerthError {
  const text = issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  return new BerthError('validation_failed', text || 'invalid input');
}
