import { z } from 'zod';

// Every identifier that crosses a boundary, each pattern defined once.

/** A sandbox's id, chosen by the control plane; also part of engine object names on the worker host. */
export const sandboxIdSchema = z.string().regex(/^[a-z0-9_-]{4,64}$/);

/** A sandbox has 1..MAX_NODES nodes, named node1 … node5; a node's hostname is its name. */
export const MAX_NODES = 5;
export const nodeNameSchema = z
  .string()
  .regex(new RegExp(`^node[1-${MAX_NODES}]$`), { error: `node names are node1, node2, … node${MAX_NODES}` });

/** A worker host's agent (BERTH_AGENT_ID); labels every engine object that agent creates. */
export const agentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'letters, digits, _ . - (at most 63)');

// Course ids are public URLs and never change: chapter `networking` (its folder without the number
// prefix), lesson `networking/container-links`, exercise `networking/container-links/ping-by-name`.
// Each part is a slug; task ids within an exercise are slugs too.
const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';

export const slugSchema = z
  .string()
  .max(64, { error: 'ids are at most 64 characters' })
  .regex(new RegExp(`^${SLUG}$`), {
    error: 'ids are lowercase kebab-case: a-z, 0-9 and single dashes (e.g. ping-by-name)',
  });
export const chapterIdSchema = slugSchema;
export const lessonIdSchema = z
  .string()
  .max(200)
  .regex(new RegExp(`^${SLUG}/${SLUG}$`), { error: 'a lesson id is chapter/lesson' });
export const exerciseIdSchema = z
  .string()
  .max(300)
  .regex(new RegExp(`^${SLUG}/${SLUG}/${SLUG}$`), { error: 'an exercise id is chapter/lesson/exercise' });
