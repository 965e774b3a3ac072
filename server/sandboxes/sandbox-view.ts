import { z } from 'zod';
import type { SandboxState } from './sandbox-state.ts';

// The public shape of a sandbox (DESIGN.md: {id,state,nodes,expiresAt}).
export interface SandboxView {
  id: string;
  state: SandboxState;
  nodes: string[];
  expiresAt: string;
  lessonId: string;
  failureReason?: string;
}

const nodesSchema = z.array(z.string());

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
