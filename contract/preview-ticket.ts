import { z } from 'zod';
import { nodeNameSchema } from './ids.ts';

// Opening a port preview, which lives on an origin of its own (server/preview/): its own file so the lesson
// page's client takes only the answer's schema.

/** POST /api/sandboxes/:id/previews: a link to one preview, on the preview origin. */
export const previewTicketBodySchema = z.object({
  node: nodeNameSchema,
  port: z.number().int().min(1).max(65_535),
});
/** `url` carries a single-use ticket valid until `expiresAt` (a minute): open it at once. */
export const previewTicketSchema = z.object({ url: z.string(), expiresAt: z.string() });
export type PreviewTicket = z.infer<typeof previewTicketSchema>;
