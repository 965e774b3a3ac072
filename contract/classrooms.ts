import { z } from 'zod';
import { exerciseIdSchema, lessonIdSchema } from './ids.ts';
import { guestNameSchema, userEnvelopeSchema } from './public-api.ts';

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

/** A classroom's sandbox time limit in minutes; the server also holds it to BERTH_SANDBOX_TTL_MINUTES. */
const sandboxMinutesSchema = z.number().int().min(1);

/** POST /api/classrooms */
export const createClassroomBodySchema = z.object({
  title: z.string().trim().min(1).max(100),
  lessonIds: z.array(lessonIdSchema).min(1).max(100),
  learnerCap: z.number().int().min(1).max(1000).optional(),
  sandboxMinutes: sandboxMinutesSchema.optional(),
});

/** PATCH /api/classrooms/:id: close or reopen joining; archive (which also closes joining, for good); set
 * or clear (null) the sandbox time limit. */
export const updateClassroomBodySchema = z
  .object({
    joinOpen: z.boolean().optional(),
    archived: z.literal(true).optional(),
    sandboxMinutes: sandboxMinutesSchema.nullable().optional(),
  })
  .refine(
    (b) => b.joinOpen !== undefined || b.archived !== undefined || b.sandboxMinutes !== undefined,
    'nothing to change',
  );

/** POST /api/classrooms/:id/prewarm: keep `count` warm sandboxes for the class (0 = release them). */
export const prewarmBodySchema = z.object({ count: z.number().int().min(0).max(500) });

/** GET (and POST) /api/classrooms/:id/prewarm: the pre-warm asked for and how far it has come. */
export const prewarmStatusSchema = z.object({
  requested: z.number().int(),
  ready: z.number().int(),
  starting: z.number().int(),
  claimed: z.number().int(),
});
export type PrewarmStatus = z.infer<typeof prewarmStatusSchema>;

/** POST /api/classrooms/join */
export const joinBodySchema = z.object({ code: codeInputSchema, name: learnerNameSchema });
/** POST /api/classrooms/resume */
export const resumeBodySchema = z.object({ resumeCode: codeInputSchema });

/** 200 of POST /api/classrooms/resume: the learner, and the classroom's title and lessons (in course order as
 * the instructor chose them) so the page can lead them on. */
export const resumeReplySchema = userEnvelopeSchema.extend({
  classroomId: z.string(),
  title: z.string(),
  lessonIds: z.array(lessonIdSchema),
});
export type ResumeReply = z.infer<typeof resumeReplySchema>;
/** 201 of POST /api/classrooms/join: the same, and the resume code, shown to the learner this once. */
export const joinReplySchema = resumeReplySchema.extend({ resumeCode: z.string() });
export type JoinReply = z.infer<typeof joinReplySchema>;

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
  /** The time limit of its learners' sandboxes in minutes; null = the host's (BERTH_SANDBOX_TTL_MINUTES). */
  sandboxMinutes: z.number().int().nullable(),
  createdAt: z.string(),
});
export type ClassroomView = z.infer<typeof classroomSchema>;
/** GET /api/classrooms */
export const classroomListSchema = z.object({ classrooms: z.array(classroomSchema) });
/** 201 of POST /api/classrooms */
export const createdClassroomSchema = z.object({ id: z.string(), joinCode: z.string() });

const exerciseCellSchema = z.object({
  passed: z.boolean(),
  tasksPassed: z.number().int(),
  tasksTotal: z.number().int(),
  attempts: z.number().int(),
  /** When it first passed (ISO), else null: not in the route table's shape, an addition for the CSV. */
  firstPassedAt: z.string().nullable(),
});
export type ExerciseCell = z.infer<typeof exerciseCellSchema>;

/** Exercise id → cell. An object with a catchall rather than z.record: pages parse this module, and z.record's
 * code would join the zod that every page shares, the lesson page's first load included (bench/page-weight.ts). */
const exerciseCellsSchema = z
  .object({})
  .catchall(exerciseCellSchema)
  .refine(
    (cells) => Object.keys(cells).every((id) => exerciseIdSchema.safeParse(id).success),
    'not an exercise id',
  );

/** GET /api/classrooms/:id/progress */
export const classroomProgressSchema = z.object({
  learners: z.array(z.object({ id: z.string(), name: z.string(), exercises: exerciseCellsSchema })),
});
export type ClassroomProgress = z.infer<typeof classroomProgressSchema>;

// ——— The live classroom (README "The live classroom"): help, broadcasts, typing permission, events. ———

/** A learner as the live classroom names them: the user id and the display name, shown as text. */
const learnerIdSchema = z.string().min(1).max(64);
const isoTimeSchema = z.string();

/** Per learner in GET /api/classrooms/:id/progress, beside `exercises` (additive). */
export const learnerLiveSchema = z.object({
  /** The last terminal input (sampled every 30 s) or check run, ISO; null if none yet. */
  lastActiveAt: isoTimeSchema.nullable(),
  /** Has a live sandbox but no terminal input or check for 5 minutes. */
  idle: z.boolean(),
  /** An exercise with ≥ 3 failed attempts and no pass in the last 10 minutes, else null. */
  stuck: exerciseIdSchema.nullable(),
  handRaised: z.boolean(),
  /** The learner's live (starting or ready) sandbox, to watch; null if none. */
  sandboxId: z.string().nullable(),
});
export type LearnerLive = z.infer<typeof learnerLiveSchema>;

/** GET /api/classrooms/:id/progress with the live fields of each learner. */
export const classroomLiveProgressSchema = z.object({
  learners: z.array(
    z
      .object({ id: z.string(), name: z.string(), exercises: exerciseCellsSchema })
      .extend(learnerLiveSchema.shape),
  ),
});
export type ClassroomLiveProgress = z.infer<typeof classroomLiveProgressSchema>;

export const HAND_MESSAGE_MAX = 280;
export const BROADCAST_MESSAGE_MAX = 500;

/** POST /api/classrooms/:id/hand (a learner of it): an optional message, stored as given, shown as text. */
export const raiseHandBodySchema = z.object({
  message: z.string().max(HAND_MESSAGE_MAX).optional(),
});
/** The answer of POST and DELETE /api/classrooms/:id/hand. */
export const handStateSchema = z.object({ raised: z.boolean() });

/** GET /api/classrooms/:id/hands (its instructor): raised hands, oldest first. */
export const handsSchema = z.object({
  hands: z.array(
    z.object({
      learnerId: learnerIdSchema,
      name: z.string(),
      message: z.string().nullable(),
      raisedAt: isoTimeSchema,
      sandboxId: z.string().nullable(),
    }),
  ),
});
export type Hands = z.infer<typeof handsSchema>;

/** POST /api/classrooms/:id/broadcasts (its instructor): 1..500 characters, stored as given. */
export const broadcastBodySchema = z.object({
  message: z
    .string()
    .max(BROADCAST_MESSAGE_MAX)
    .refine((s) => s.trim().length > 0, 'message may not be empty'),
});
export const broadcastSchema = z.object({ id: z.string(), message: z.string(), at: isoTimeSchema });
export type Broadcast = z.infer<typeof broadcastSchema>;
/** GET /api/classrooms/:id/broadcasts (instructor or learner of it): the newest 20, newest first. */
export const broadcastsSchema = z.object({ broadcasts: z.array(broadcastSchema) });

/** PUT /api/sandboxes/:id/instructor-typing (the sandbox's owner), and its answer. */
export const instructorTypingBodySchema = z.object({ allowed: z.boolean() });

/** GET /api/classrooms/:id/learners/:learnerId/attempts (its instructor): newest first, at most 200. */
export const attemptsSchema = z.object({
  attempts: z.array(
    z.object({
      exerciseId: exerciseIdSchema,
      at: isoTimeSchema,
      passed: z.boolean(),
      tasksPassed: z.number().int(),
      tasksTotal: z.number().int(),
    }),
  ),
});
export type Attempts = z.infer<typeof attemptsSchema>;

/** Server-sent events of GET /api/classrooms/:id/events (also what travels over Redis between replicas). */
export const classroomEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    learnerId: learnerIdSchema,
    exerciseId: exerciseIdSchema,
    cell: exerciseCellSchema,
  }),
  z.object({
    type: z.literal('hand'),
    learnerId: learnerIdSchema,
    name: z.string(),
    raised: z.boolean(),
    message: z.string().nullable(),
    at: isoTimeSchema,
  }),
  z.object({ type: z.literal('broadcast'), id: z.string(), message: z.string(), at: isoTimeSchema }),
  z.object({
    type: z.literal('typing'),
    learnerId: learnerIdSchema,
    sandboxId: z.string(),
    allowed: z.boolean(),
  }),
  z.object({
    type: z.literal('watch'),
    learnerId: learnerIdSchema,
    sandboxId: z.string(),
    /** How many instructor watchers are attached to the learner's terminal now. */
    watching: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('learner'), learnerId: learnerIdSchema, name: z.string() }),
]);
export type ClassroomEvent = z.infer<typeof classroomEventSchema>;
export type ClassroomEventType = ClassroomEvent['type'];

/** The learners' share of the stream: broadcasts, and hand/typing/watch events about themselves. */
export function learnerMaySee(event: ClassroomEvent, learnerId: string): boolean {
  if (event.type === 'broadcast') return true;
  if (event.type === 'hand' || event.type === 'typing' || event.type === 'watch')
    return event.learnerId === learnerId;
  return false;
}

/** One SSE message: `event:` the type, `data:` the whole event as JSON (type included). */
export function classroomEventMessage(event: ClassroomEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** An event's JSON (an SSE `data:` line, a Redis message) back into an event; null if it is not one. */
export function parseClassroomEvent(data: string): ClassroomEvent | null {
  try {
    const parsed = classroomEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
