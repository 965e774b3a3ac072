import assert from 'node:assert/strict';
import http from 'node:http';
import { type ClassroomEvent, parseClassroomEvent } from '../../contract/classrooms.ts';

// A server-sent event client for tests, as a browser's EventSource reads the stream: `event:` and `data:`
// lines up to a blank line; comments (`: ping`) kept apart. Resolves `opened` with the status once the
// response starts, and `ready` when the server says it is subscribed (server/classrooms/classroom-event-stream.ts).
export interface EventStream {
  status: Promise<number>;
  ready: Promise<void>;
  events: Array<ClassroomEvent & { receivedAt: number }>;
  comments: string[];
  /** Raw `data:` lines that did not parse as an event (there should be none). */
  malformed: string[];
  waitFor(
    match: (e: ClassroomEvent) => boolean,
    ms?: number,
  ): Promise<ClassroomEvent & { receivedAt: number }>;
  close(): void;
}

export function openEventStream(baseUrl: string, path: string, cookie?: string): EventStream {
  const url = new URL(path, baseUrl);
  const events: EventStream['events'] = [];
  const comments: string[] = [];
  const malformed: string[] = [];
  let markReady = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  let req!: http.ClientRequest;
  const status = new Promise<number>((resolve, reject) => {
    req = http.get(
      { host: url.hostname, port: url.port, path: url.pathname, headers: cookie ? { cookie } : {} },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6));
            for (const l of block.split('\n')) if (l.startsWith(':')) comments.push(l.slice(1).trim());
            if (block.includes(': ready')) markReady();
            if (data.length === 0) continue;
            const event = parseClassroomEvent(data.join('\n'));
            if (event) events.push({ ...event, receivedAt: Date.now() });
            else malformed.push(data.join('\n'));
          }
        });
      },
    );
    req.on('error', reject);
  });
  return {
    status,
    ready,
    events,
    comments,
    malformed,
    async waitFor(match, ms = 5000) {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        const found = events.find(match);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.fail(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`);
    },
    close: () => req.destroy(),
  };
}
