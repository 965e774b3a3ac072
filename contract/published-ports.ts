import { z } from 'zod';

// Ports a learner published on the nodes (`docker run -p`); `version` changes whenever the list does, so a
// reader can wait for a change. The agent answers `publishedPortsSchema`; the public API adds each
// port's preview URL.

const publishedPortSchema = z.object({
  node: z.string(),
  /** The port on the node (the left side of -p). */
  port: z.number().int(),
  /** The port inside the container (the right side of -p). */
  containerPort: z.number().int(),
  /** The inner container's name, for the learner to recognise it. */
  container: z.string(),
});
export type PublishedPort = z.infer<typeof publishedPortSchema>;

export const publishedPortsSchema = z.object({ version: z.string(), ports: z.array(publishedPortSchema) });
export type PublishedPorts = z.infer<typeof publishedPortsSchema>;

/** GET /api/sandboxes/:id/ports: each port with its address on the preview origin (no ticket: a page opens
 * it through POST /api/sandboxes/:id/previews, contract/preview-ticket.ts). */
const portLinkSchema = publishedPortSchema.extend({ url: z.string() });
export type PortLink = z.infer<typeof portLinkSchema>;
export const portLinksSchema = z.object({ version: z.string(), ports: z.array(portLinkSchema) });
