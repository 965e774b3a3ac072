import path from 'node:path';
import { z } from 'zod';

// Every tunable of the control plane: named, typed, defaulted, documented in README "Configuration";
// the agent has its own (sandbox-agent/src/config.ts).
// Parsed once from the environment and frozen; secrets are redacted by redactConfig().
const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const int = (def: number) => z.coerce.number().int().nonnegative().default(def);
const optionalOrigin = () =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const origin = parseOrigin(s);
      if (!origin) ctx.addIssue({ code: 'custom', message: `not an origin (scheme://host[:port]): ${s}` });
      return origin;
    });

const fields = z.object({
  BERTH_HOME: z.string().default(path.resolve(process.cwd(), '.berth')),
  PORT: int(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  BERTH_AGENT_TOKEN: z.string().min(16).optional(),
  BERTH_AGENT_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5000),
  BERTH_AGENT_TIMEOUT_MS: z.coerce.number().int().min(500).default(30_000),
  BERTH_SANDBOX_TTL_MINUTES: int(120),
  BERTH_SANDBOX_IDLE_MINUTES: int(30),
  BERTH_WARM_POOL_SIZE: int(2),
  BERTH_WARM_POOL_MAX_AGE_MINUTES: int(30),
  // How long sandboxes pre-warmed for a class (POST /api/classrooms/:id/prewarm) wait for its learners.
  BERTH_PREWARM_HOLD_MINUTES: z.coerce.number().int().min(1).default(120),
  BERTH_CHECK_TIMEOUT_MS: int(15000),
  BERTH_SECURE_COOKIES: bool.default(false),
  // Origins besides the one the request's Host names that may call the API and open terminals
  // (comma-separated, e.g. the public https:// address when a proxy rewrites Host).
  BERTH_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const list = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const origins: string[] = [];
      for (const o of list) {
        const origin = parseOrigin(o);
        if (origin) origins.push(origin);
        else ctx.addIssue({ code: 'custom', message: `not an origin (scheme://host[:port]): ${o}` });
      }
      return origins;
    }),
  // Port previews live on an origin of their own (server/preview/preview-server.ts): this port, on the
  // host name the browser used for Berth, unless BERTH_PREVIEW_ORIGIN names the public origin a proxy
  // serves them under. Unset port = PORT + 1 (previewPort()).
  BERTH_PREVIEW_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  BERTH_PREVIEW_ORIGIN: optionalOrigin(),
  // Where people reach Berth, for links printed outside a request (the instructor setup link of the CLI).
  // Unset = http://localhost:<PORT>.
  BERTH_PUBLIC_URL: optionalOrigin(),
  BERTH_LESSONS_DIR: z.string().default(path.resolve(process.cwd(), 'lessons')),
  // This control-plane process among several behind one load balancer: named in the x-berth-replica
  // response header and as the BullMQ worker that ran a job. Unset = <hostname>:<PORT> (replica-header.ts).
  BERTH_REPLICA_ID: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}$/, 'letters, digits, _ . : - (at most 63)')
    .optional(),
  // A job whose worker stopped renewing its lock this long ago (its process died) is run again by
  // another worker (BullMQ stalled-job recovery); renewed every half of it while the job runs.
  BERTH_JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  // Instructors and classrooms (README "Instructors and classrooms"). An instructor's session lasts this
  // long; sign-ins are limited per address (every attempt) and per account (failed attempts), joins and
  // resumes per address, each per BERTH_AUTH_WINDOW_SECONDS. A class behind one NAT shares one address.
  BERTH_INSTRUCTOR_SESSION_HOURS: z.coerce.number().int().min(1).default(12),
  BERTH_AUTH_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  BERTH_LOGIN_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  BERTH_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  BERTH_JOINS_PER_ADDRESS: z.coerce.number().int().min(1).default(120),
  // false = classroom-only: POST /api/auth/guest answers 403, learners join with a code.
  BERTH_GUEST_SIGN_IN: bool.default(true),
  // Per client address: guest sign-ins per BERTH_AUTH_WINDOW_SECONDS; sandbox starts (a new sandbox, not
  // the live one returned again) per BERTH_START_WINDOW_SECONDS, per address and per learner. A class of
  // 30 behind one NAT shares one address: keep the per-address budgets well above the class size.
  BERTH_GUEST_SIGN_INS_PER_ADDRESS: z.coerce.number().int().min(1).default(60),
  BERTH_START_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  BERTH_STARTS_PER_ADDRESS: z.coerce.number().int().min(1).default(120),
  BERTH_STARTS_PER_USER: z.coerce.number().int().min(1).default(20),
});

/** scheme://host[:port] of an http(s) URL given as exactly that (a trailing slash allowed), else undefined. */
function parseOrigin(s: string): string | undefined {
  try {
    const u = new URL(s);
    if (u.origin === 'null' || u.origin !== s.replace(/\/$/, '')) return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

export const configSchema = fields;

export type Config = Readonly<z.infer<typeof configSchema>>;

let cached: Config | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  // The preview origin runs learners' pages: it must never count as Berth's own (server/http/same-origin.ts).
  if (c.BERTH_PREVIEW_ORIGIN && c.BERTH_ALLOWED_ORIGINS.includes(c.BERTH_PREVIEW_ORIGIN))
    throw new Error(
      'Invalid configuration:\n  BERTH_ALLOWED_ORIGINS: must not list BERTH_PREVIEW_ORIGIN (previews run learners’ scripts)',
    );
  if (previewPort(c) === c.PORT)
    throw new Error('Invalid configuration:\n  BERTH_PREVIEW_PORT: must differ from PORT');
  return Object.freeze(c);
}

/** The port of the preview listener: BERTH_PREVIEW_PORT, else PORT + 1. */
export function previewPort(c: Pick<Config, 'PORT' | 'BERTH_PREVIEW_PORT'>): number {
  return c.BERTH_PREVIEW_PORT ?? c.PORT + 1;
}

export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

const secretKeys = new Set(['BERTH_AGENT_TOKEN', 'DATABASE_URL', 'REDIS_URL']);

export function redactConfig(c: Config): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, secretKeys.has(k) && v ? '***' : v]));
}
