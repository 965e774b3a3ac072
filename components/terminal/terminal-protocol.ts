// Frames of the terminal websocket (DESIGN.md "Terminal websocket"), as the browser sends and receives them.
// The one definition of the protocol, shared with the gateway and the agent (it depends on zod only).
import {
  type ClientFrame,
  type ServerFrame,
  serverFrameSchema,
} from '../../sandbox-agent/src/terminal/frames.ts';

export type { ClientFrame, ServerFrame };

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
