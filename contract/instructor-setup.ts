import { z } from 'zod';
import { instructorPasswordSchema } from './classrooms.ts';

// POST /api/auth/setup: an instructor sets their password through the one-time link that
// `./berth instructors add <email>` printed (/setup/<token>); the answer signs them in like POST /api/auth/login.

/** The link's token: 32 random bytes, base64url. */
export const setupTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a setup link');

export const setupBodySchema = z.object({ token: setupTokenSchema, password: instructorPasswordSchema });

/** How long a setup link works. */
export const SETUP_LINK_HOURS = 24;
