import { z } from 'zod';
import { exerciseIdSchema, lessonIdSchema } from './ids.ts';
import { guestNameSchema } from './public-api.ts';

// Instructors and classrooms on the public API (README "Instructors and classrooms").

/** POST /api/auth/login */
export const loginBodySchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(1024),
});

/** An instructor's password (./berth instructors add): long enough to matter, short enough to hash. */
export const instructorPasswordSchema = z
  .string()
  .min(12, 'the password needs at least 12 characters')
  .max(1024, 'the password is at most 1024 characters');

/** Join and resume codes: letters and digits without look-alikes (no 0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 10;
export const RESUME_CODE_LENGTH = 16;
/** What a learner types: case and separators (spaces, dashes) do not matter; a malformed code is simply
 * unknown (404, and it counts against the address's limit), never a validation error that tells it apart. */
const codeInputSchema = z
  .string()
  .max(64)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''));

/** A display name: a guest name with no control or invisible formatting characters (bidi overrides). */
export const learnerNameSchema = guestNameSchema.regex(
  /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u,
  'name may not contain control or formatting characters',
);

/** POST /api/classrooms */
export const createClassroomBodySchema = z.object({
  title: z.string().trim().min(1).max(100),
  lessonIds: z.array(lessonIdSchema).min(1).max(100),
  learnerCap: z.number().int().min(1).max(1000).optional(),
});

/** PATCH /api/classrooms/:id: close or reopen joining; archive (which also closes joining, for good). */
export const updateClassroomBodySchema = z
  .object({ joinOpen: z.boolean().optional(), archived: z.literal(true).optional() })
  .refine((b) => b.joinOpen !== undefined || b.archived !== undefined, 'nothing to change');

/** POST /api/classrooms/join */
export const joinBodySchema = z.object({ code: codeInputSchema, name: learnerNameSchema });
/** POST /api/classrooms/resume */
export const resumeBodySchema = z.object({ resumeCode: codeInputSchema });

/** GET /api/classrooms/:id, and each of GET /api/classrooms */
export const classroomSchema = z.object({
  id: z.string(),
  title: z.string(),
  lessonIds: z.array(lessonIdSchema),
  joinCode: z.string(),
  joinOpen: z.boolean(),
  archived: z.boolean(),
  learnerCap: z.number().int().nullable(),
  learnerCount: z.number().int(),
  createdAt: z.string(),
});
export type ClassroomView = z.infer<typeof classroomSchema>;

const exerciseCellSchema = z.object({
  passed: z.boolean(),
  tasksPassed: z.number().int(),
  tasksTotal: z.number().int(),
  attempts: z.number().int(),
  /** When it first passed (ISO), else null: not in the route table's shape, an addition for the CSV. */
  firstPassedAt: z.string().nullable(),
});
export type ExerciseCell = z.infer<typeof exerciseCellSchema>;

/** GET /api/classrooms/:id/progress */
export const classroomProgressSchema = z.object({
  learners: z.array(
    z.object({ id: z.string(), name: z.string(), exercises: z.record(exerciseIdSchema, exerciseCellSchema) }),
  ),
});
export type ClassroomProgress = z.infer<typeof classroomProgressSchema>;
