import { z } from 'zod';

// The one error type shared by the control plane and the agents: a stable code, a safe message, and the
// code → HTTP status table, translated to a response in one place on each side.
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  agent_unavailable: 502,
  bad_gateway: 502,
  out_of_capacity: 503,
  timeout: 504,
  storage_full: 507,
} as const;

export type ErrorCode = keyof typeof errorStatus;

// Every failed request, on the public API and the agent API alike: {"error":{"code","message"}}. Readers
// take any code string (a newer peer may send one they do not know) and fall back on the status.
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'BerthError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

// Duck-typed on purpose: Next bundles route handlers separately from the custom server, so one
// process can hold two copies of this class and instanceof would miss errors from the other copy.
export function isBerthError(e: unknown): e is BerthError {
  if (e instanceof BerthError) return true;
  if (!(e instanceof Error) || e.name !== 'BerthError') return false;
  const code: unknown = (e as unknown as { code?: unknown }).code;
  return typeof code === 'string' && code in errorStatus;
}
