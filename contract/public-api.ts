import { z } from 'zod';
import { errorBodySchema } from './errors.ts';
import { chapterIdSchema, exerciseIdSchema, lessonIdSchema, nodeNameSchema } from './ids.ts';

// Berth's public HTTP API (JSON, session cookie) as the control plane answers it and the pages parse it.
// Errors are errors.ts's body; check results are in checks.ts, node files in node-files.ts, published
// ports in published-ports.ts.

const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['learner', 'instructor']),
});
export type User = z.infer<typeof userSchema>;

/** GET /api/auth/me, POST /api/auth/guest */
export const userEnvelopeSchema = z.object({ user: userSchema });

/** A guest's name (POST /api/auth/guest {name}); the sign-in form counts against the same limit. */
export const GUEST_NAME_MAX = 40;
export const guestNameSchema = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(GUEST_NAME_MAX, `name is at most ${GUEST_NAME_MAX} characters`);

/** A sandbox's life; the control plane's state machine moves it only along allowed transitions. */
export const SANDBOX_STATES = ['starting', 'ready', 'stopping', 'stopped', 'failed'] as const;
const sandboxStateSchema = z.enum(SANDBOX_STATES);
export type SandboxState = z.infer<typeof sandboxStateSchema>;

/** POST /api/sandboxes {lessonId}, GET /api/sandboxes/:id */
export const sandboxSchema = z.object({
  id: z.string(),
  state: sandboxStateSchema,
  nodes: z.array(nodeNameSchema),
  expiresAt: z.string(),
  failureReason: z.string().optional(),
  /** The lesson it was started (or last kept) for. */
  lessonId: lessonIdSchema.optional(),
});
export type Sandbox = z.infer<typeof sandboxSchema>;

/** GET /api/sandboxes/:id?waitMs=N: while the sandbox is starting, answer once its state changes or after
 * N ms (at most 20 s), so a page learns "ready" at once instead of on its next poll. */
export const SANDBOX_WAIT_MAX_MS = 20_000;
export const sandboxWaitQuerySchema = z.object({
  waitMs: z.coerce.number().int().min(0).max(SANDBOX_WAIT_MAX_MS).default(0),
});

/**
 * POST /api/sandboxes body. `onLive`, when the learner already has a live sandbox started for another
 * lesson: absent = reuse it if it has the nodes this lesson needs, else replace it (the original
 * contract); `ask` = answer 409 with sandboxConflictSchema and change nothing; `keep` = reuse it for this
 * lesson if it has the nodes (else 409); `replace` = stop it and start a fresh one.
 */
export const SANDBOX_ON_LIVE = ['ask', 'keep', 'replace'] as const;
export type SandboxOnLive = (typeof SANDBOX_ON_LIVE)[number];
export const startSandboxBodySchema = z.object({
  lessonId: lessonIdSchema,
  onLive: z.enum(SANDBOX_ON_LIVE).optional(),
});

/** 409 `conflict` of POST /api/sandboxes: the live sandbox, and whether it has the nodes the lesson needs. */
export const sandboxConflictSchema = errorBodySchema.extend({
  sandbox: sandboxSchema,
  reusable: z.boolean(),
});
export type SandboxConflict = z.infer<typeof sandboxConflictSchema>;

/** GET /api/progress: per exercise, passed once means passed; the latest check time and the attempts. */
const exerciseProgressSchema = z.object({
  exerciseId: exerciseIdSchema,
  passed: z.boolean(),
  attempts: z.number().int(),
  checkedAt: z.string(),
});
export type ExerciseProgress = z.infer<typeof exerciseProgressSchema>;
export const progressSchema = z.object({ exercises: z.array(exerciseProgressSchema) });
export type Progress = z.infer<typeof progressSchema>;

/** GET /api/lessons?lang=: the course in one language, chapters in order; "coming soon" = no lesson yet. */
const catalogLessonSchema = z.object({
  id: lessonIdSchema,
  title: z.string(),
  summary: z.string(),
  minutes: z.number().int(),
  exercises: z.array(z.object({ id: exerciseIdSchema, title: z.string() })),
});
export type CatalogLesson = z.infer<typeof catalogLessonSchema>;
const catalogChapterSchema = z.object({
  id: chapterIdSchema,
  title: z.string(),
  summary: z.string(),
  comingSoon: z.boolean(),
  lessons: z.array(catalogLessonSchema),
});
export const catalogSchema = z.object({ chapters: z.array(catalogChapterSchema) });
export type Catalog = z.infer<typeof catalogSchema>;

/** A task the learner answers (its title is the question): choices to pick from (several: checkboxes), or
 * a typed value. Never the right answer: that stays on the server, or in the sandbox for a live one. */
const questionViewSchema = z.union([
  z.object({
    multiple: z.boolean(),
    choices: z.array(z.object({ id: z.string(), label: z.string() })),
  }),
  z.object({ typed: z.literal(true) }),
]);
export type QuestionView = z.infer<typeof questionViewSchema>;

/** What a lesson page shows, in one language (rendered on the server; task hints and solutions stay there). */
const exerciseViewSchema = z.object({
  id: exerciseIdSchema,
  title: z.string(),
  node: nodeNameSchema,
  tasks: z.array(z.object({ id: z.string(), title: z.string(), question: questionViewSchema.optional() })),
  hints: z.array(z.string()),
  /** Every task is a question answered without a sandbox (POST /api/answers). */
  quiz: z.boolean(),
});
export type ExerciseView = z.infer<typeof exerciseViewSchema>;
export const lessonViewSchema = z.object({
  id: lessonIdSchema,
  chapterId: chapterIdSchema,
  chapterTitle: z.string(),
  title: z.string(),
  summary: z.string(),
  minutes: z.number().int(),
  /** The sandbox's nodes, e.g. ['node1']. */
  nodes: z.array(nodeNameSchema),
  /** Where the file editor opens on the sandbox: a file or a folder (lesson.yaml `editor.path`). */
  editorPath: z.string(),
  /** Prose rendered from the lesson's Markdown; safe to inject (no raw HTML from content). Each exercise's
   * panel goes where its slot is (`<div class="exercise-slot" data-exercise-slot="<exercise>">`). */
  html: z.string(),
  /** The prose's `##` sections, for a table of contents: heading id and text. */
  sections: z.array(z.object({ id: z.string(), title: z.string() })),
  exercises: z.array(exerciseViewSchema),
});
export type LessonView = z.infer<typeof lessonViewSchema>;
