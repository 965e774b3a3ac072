import { nodeNameSchema, sandboxIdSchema } from '../../contract/ids.ts';

// Preview URLs on the preview origin: /preview/<sandbox id>/<node>/<port>/<path on the learner's server>.

export const PREVIEW_PREFIX = '/preview/';

/** The query parameter of a preview link that carries its ticket (issue-preview-ticket.ts). */
export const TICKET_PARAM = 'berth-preview-ticket';

export interface PreviewPath {
  sandboxId: string;
  node: string;
  port: number;
  /** /preview/<sandbox>/<node>/<port> — everything the learner's server sees lives under it. */
  prefix: string;
  /** Path and query on the learner's server, always starting with "/"; undefined when the URL stops at
   * the port (the page redirects to "…/<port>/" so relative links resolve under the prefix). */
  rest: string | undefined;
}

const PATTERN = /^\/preview\/([^/?#]+)\/([^/?#]+)\/([1-9][0-9]{0,4})(\/[^#]*)?(\?[^#]*)?$/;

export function previewUrl(sandboxId: string, node: string, port: number): string {
  return `${PREVIEW_PREFIX}${sandboxId}/${node}/${port}/`;
}

// Parsed from the raw request URL; anything malformed is simply not a preview (→ 404 like a stranger's).
export function parsePreviewPath(rawUrl: string | undefined): PreviewPath | undefined {
  const m = (rawUrl ?? '').match(PATTERN);
  if (!m) return undefined;
  const sandboxId = sandboxIdSchema.safeParse(m[1]);
  const node = nodeNameSchema.safeParse(m[2]);
  const port = Number(m[3]);
  if (!sandboxId.success || !node.success || !(port >= 1 && port <= 65_535)) return undefined;
  const path = m[4];
  const query = m[5] ?? '';
  return {
    sandboxId: sandboxId.data,
    node: node.data,
    port,
    prefix: `${PREVIEW_PREFIX}${sandboxId.data}/${node.data}/${port}`,
    rest: path === undefined ? undefined : `${path}${query}`,
  };
}
