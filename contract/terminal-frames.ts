import { z } from 'zod';

// The terminal websocket's JSON text frames. The browser speaks them with the control plane on
// /ws/terminal?sandbox=:id&node=nodeN, and the control plane with the agent on
// /v1/sandboxes/:id/nodes/:node/terminal: the same frames on both hops.
// Sequence numbers start at the shell's start time in ms and grow by one per data frame, so they keep
// increasing across shells and agent restarts: a client's lastSeq is never "ahead" of a new shell.

const MAX_INPUT_CHARS = 64 * 1024;

/** Towards the shell: `hello` first (lastSeq = 0, or the last seq seen, for replay after a reconnect). */
export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), lastSeq: z.number().int().nonnegative().default(0) }),
  z.object({ type: z.literal('input'), data: z.string().max(MAX_INPUT_CHARS) }),
  z.object({
    type: z.literal('resize'),
    cols: z.number().int().min(2).max(1000),
    rows: z.number().int().min(1).max(500),
  }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** From the shell. */
export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data'), seq: z.number().int().nonnegative(), data: z.string() }),
  z.object({ type: z.literal('exit'), code: z.number().int() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('pong') }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

export type ParseResult<T> = { ok: true; frame: T } | { ok: false; message: string };

const utf8 = new TextDecoder();

function parseWith<T>(schema: z.ZodType<T>, raw: string | Uint8Array, maxChars: number): ParseResult<T> {
  const text = typeof raw === 'string' ? raw : utf8.decode(raw);
  if (text.length > maxChars) return { ok: false, message: `frame larger than ${maxChars} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'frame is not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return { ok: false, message: `invalid frame: ${parsed.error.issues[0]?.message ?? 'bad'}` };
  return { ok: true, frame: parsed.data };
}

export function parseClientFrame(raw: string | Uint8Array): ParseResult<ClientFrame> {
  return parseWith(clientFrameSchema, raw, MAX_INPUT_CHARS * 6 + 1024);
}

export function parseServerFrame(raw: string | Uint8Array): ParseResult<ServerFrame> {
  return parseWith(serverFrameSchema, raw, 16 * 1024 * 1024);
}
