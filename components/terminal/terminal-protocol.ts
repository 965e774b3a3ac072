// The browser's side of the terminal websocket; its frames are contract/terminal-frames.ts.

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
  /** An instructor's view of a learner's terminal: read-only unless the learner allows typing. */
  watch = false,
): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const q = new URLSearchParams({ sandbox: sandboxId, node, ...(watch ? { watch: '1' } : {}) });
  return `${scheme}//${location.host}/ws/terminal?${q.toString()}`;
}
