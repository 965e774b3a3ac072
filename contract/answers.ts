import { z } from 'zod';
import { nodeNameSchema } from './ids.ts';

// Quizzes and answers: a task the learner answers instead of a check of the sandbox. A live answer is
// compared with a value the agent reads from the learner's engine at check time (`from`), so the expected
// value never leaves the agent; what a learner may send as answers is bounded here too.

const name = z.string().min(1).max(200);
// Which node's engine the value is read on; left out: the exercise's node (lint checks it exists).
const node = nodeNameSchema.optional();

// "80/tcp"; a bare 80 (YAML reads it as a number) means tcp.
const containerPort = z
  .union([z.number().int(), z.string().trim()])
  .transform((p) => (/^\d+$/.test(String(p)) ? `${p}/tcp` : String(p)))
  .pipe(z.string().regex(/^\d{1,5}\/(tcp|udp|sctp)$/, { error: 'a container port, e.g. "80/tcp"' }));

export const answerSourceSchema = z.discriminatedUnion('type', [
  // The container's address on `network`, or on any network it is attached to.
  z.object({ type: z.literal('container_ip'), node, container: name, network: name.optional() }).strict(),
  // The full id or a prefix of at least 12 hex characters (what `docker ps` shows).
  z.object({ type: z.literal('container_id'), node, container: name }).strict(),
  // The same for an image, `sha256:` optional.
  z.object({ type: z.literal('image_id'), node, image: name }).strict(),
  z.object({ type: z.literal('container_exit_code'), node, container: name }).strict(),
  z.object({ type: z.literal('image_layer_count'), node, image: name }).strict(),
  // The node port that `port` of the container is published on.
  z.object({ type: z.literal('published_port'), node, container: name, port: containerPort }).strict(),
  // The trimmed standard output of a bash script run on the node (not in the learner's shell).
  z
    .object({
      type: z.literal('node_output'),
      node,
      run: z
        .string()
        .min(1)
        .max(16 * 1024),
    })
    .strict(),
]);
export type AnswerSource = z.infer<typeof answerSourceSchema>;
export type AnswerSourceType = AnswerSource['type'];

/** How a typed answer is compared with a static `value`, after trimming both. */
export const answerMatchSchema = z.enum(['exact', 'ignore-case', 'number']);
export type AnswerMatch = z.infer<typeof answerMatchSchema>;

export const MAX_ANSWER_LENGTH = 200;

/** One answer from the learner: a typed value, or the ids of the choices they picked. */
export const learnerAnswerSchema = z.union([
  z.string().max(MAX_ANSWER_LENGTH, { error: `an answer is at most ${MAX_ANSWER_LENGTH} characters` }),
  z.array(z.string().max(64)).max(50),
]);
export type LearnerAnswer = z.infer<typeof learnerAnswerSchema>;

/** Per task id, the learner's answer (POST /api/sandboxes/:id/checks and POST /api/answers). */
export const learnerAnswersSchema = z.record(z.string().max(64), learnerAnswerSchema);
export type LearnerAnswers = z.infer<typeof learnerAnswersSchema>;

/** A live answer as the agent checks it (an internal check task, built by the control plane from a lesson's
 * `answer.from` and the learner's input — never an assertion a lesson can write). */
export const answerProbeSchema = z.object({
  from: answerSourceSchema,
  answer: z.string().max(MAX_ANSWER_LENGTH),
});
export type AnswerProbe = z.infer<typeof answerProbeSchema>;
