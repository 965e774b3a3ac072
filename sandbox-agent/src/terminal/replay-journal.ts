import fs from 'node:fs';
import { z } from 'zod';
import type { Chunk } from './replay-buffer.ts';

// A terminal's replay buffer, also kept on the worker host's disk (in the sandbox's own host directory,
// out of the learner's reach), so an agent that is killed and restarted can still replay what the
// learner's shell printed before. One JSON line per chunk; compacted to the buffer when it grows.

const line = z.object({ seq: z.number().int(), data: z.string() });

export class ReplayJournal {
  private fd?: number;
  private bytes = 0;

  constructor(
    private readonly path: string,
    private readonly maxBytes: number,
  ) {}

  // The chunks a previous agent wrote, oldest first; a torn last line (the agent died mid-write) is skipped.
  load(): Chunk[] {
    let text: string;
    try {
      text = fs.readFileSync(this.path, 'utf8');
    } catch {
      return [];
    }
    const chunks: Chunk[] = [];
    for (const l of text.split('\n')) {
      if (!l) continue;
      try {
        const parsed = line.safeParse(JSON.parse(l));
        if (parsed.success) chunks.push(parsed.data);
      } catch {}
    }
    return chunks;
  }

  // `encoded`: the chunk's data frame as already serialised for clients; its extra `type` field is
  // ignored by load(), so the chunk is not encoded twice.
  append(chunk: Chunk, encoded = JSON.stringify(chunk)): void {
    try {
      this.fd ??= fs.openSync(this.path, 'a', 0o600);
      const text = `${encoded}\n`;
      fs.writeSync(this.fd, text);
      this.bytes += text.length;
    } catch {
      // The journal is a convenience for restarts; a full or missing host directory must not stop the shell.
    }
  }

  // Called with the buffer's content when the file has grown well past it.
  // (A function, so the buffer is copied only when it is written, not on every chunk.)
  compactIfLarge(current: () => Chunk[]): void {
    if (this.bytes < 4 * this.maxBytes) return;
    try {
      const tmp = `${this.path}.tmp`;
      fs.writeFileSync(
        tmp,
        current()
          .map((c) => `${JSON.stringify(c)}\n`)
          .join(''),
        { mode: 0o600 },
      );
      fs.renameSync(tmp, this.path);
      if (this.fd !== undefined) fs.closeSync(this.fd);
      this.fd = undefined;
      this.bytes = 0;
    } catch {}
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
