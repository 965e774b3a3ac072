import type { WebSocket } from 'ws';
import { isBerthError } from '../../../contract/errors.ts';
import { parseClientFrame, type ServerFrame } from '../../../contract/terminal-frames.ts';
import { startHeartbeat } from './socket-heartbeat.ts';
import type { TerminalClient, TerminalSession } from './terminal-session.ts';

// Speaks the terminal protocol on one websocket: waits for hello, replays, then relays both ways.
export function attachTerminalSocket(ws: WebSocket, getSession: () => TerminalSession): void {
  let session: TerminalSession | undefined;
  const send = (f: ServerFrame, encoded?: string) => {
    if (ws.readyState === ws.OPEN) ws.send(encoded ?? JSON.stringify(f));
  };
  const client: TerminalClient = {
    send,
    bufferedAmount: () => ws.bufferedAmount,
    close: (code, reason) => ws.close(code, reason),
  };
  const stopHeartbeat = startHeartbeat(ws);
  ws.on('close', () => {
    stopHeartbeat();
    session?.detach(client);
  });
  ws.on('message', async (raw, isBinary) => {
    if (isBinary) {
      send({ type: 'error', code: 'bad_frame', message: 'binary frames are not supported' });
      return;
    }
    const parsed = parseClientFrame(raw as Buffer);
    if (!parsed.ok) {
      send({ type: 'error', code: 'bad_frame', message: parsed.message });
      return;
    }
    const frame = parsed.frame;
    if (frame.type === 'ping') {
      send({ type: 'pong' });
      return;
    }
    if (!session) {
      if (frame.type !== 'hello') {
        send({ type: 'error', code: 'bad_frame', message: 'the first frame must be hello' });
        return;
      }
      try {
        session = getSession();
        await session.attach(client, frame.lastSeq);
      } catch (e) {
        const code = isBerthError(e) ? e.code : 'internal';
        send({ type: 'error', code, message: e instanceof Error ? e.message : 'cannot open terminal' });
        ws.close(4000 + (code === 'not_found' ? 404 : 500), code);
      }
      return;
    }
    if (frame.type === 'input') session.input(frame.data);
    else if (frame.type === 'resize') await session.resize(frame.cols, frame.rows);
  });
}
