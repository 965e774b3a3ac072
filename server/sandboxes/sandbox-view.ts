import { z } from 'zod';
import { nodeNameSchema } from '../../contract/ids.ts';
import type { Sandbox, SandboxState } from '../../contract/public-api.ts';

// The public shape of a sandbox ({id,state,nodes,expiresAt}, contract/public-api.ts), plus its lesson.
export type SandboxView = Sandbox & { lessonId: string };

const nodesSchema = z.array(nodeNameSchema);

export function toSandboxView(row: {
  id: string;
  state: string;
  nodes: string;
  expiresAt: Date;
  lessonId: string;
  failureReason: string | null;
}): SandboxView {
  return {
    id: row.id,
    state: row.state as SandboxState,
    nodes: nodesSchema.parse(JSON.parse(row.nodes)),
    expiresAt: row.expiresAt.toISOString(),
    lessonId: row.lessonId,
    ...(row.failureReason ? { failureReason: row.failureReason } : {}),
  };
}
