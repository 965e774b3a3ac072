// Frames of the terminal websocket (DESIGN.md "Terminal websocket"), as the browser sends and receives them.
import { z } from 'zod';

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data'), seq: z.number().int().nonnegative(), data: z.string() }),
  z.object({ type: z.literal('exit'), code: z.number().int() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string().default('') }),
  z.object({ type: z.literal('pong') }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

export type ClientFrame =
  | { type: 'hello'; lastSeq: number }
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'ping' };

/** Parses one text frame; undefined for anything that is not a valid server frame. */
export function parseServerFrame(text: unknown): ServerFrame | undefined {
  if (typeof text !== 'string') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = serverFrameSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Error codes after which reconnecting cannot help: the sandbox is gone or not ours. */
export const FATAL_ERROR_CODES: ReadonlySet<string> = new Set([
  'not_found',
  'forbidden',
  'unauthorized',
  'gone',
]);

export function terminalSocketUrl(
  location: { protocol: string; host: string },
  sandboxId: string,
  node: string,
): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const q = new URLSearchParams({ sandbox: sandboxId, node });
  return `${scheme}//${location.host}/ws/terminal?${q.toString()}`;
}
