// The last N bytes of a shell's output as whole chunks, so a reconnecting client gets exactly what it
// missed (or, after a long absence, the most recent screenful) and nothing twice.
export interface Chunk {
  seq: number;
  data: string;
}

export class ReplayBuffer {
  private chunks: Chunk[] = [];
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Chunk): void {
    this.chunks.push(chunk);
    this.size += chunk.data.length;
    // Trim on chunk boundaries, but always keep the newest chunk even if it alone is over the cap.
    while (this.size > this.maxBytes && this.chunks.length > 1) {
      const dropped = this.chunks.shift()!;
      this.size -= dropped.data.length;
    }
  }

  since(lastSeq: number): Chunk[] {
    // Chunks are in seq order: binary search for the first one after lastSeq.
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.chunks[mid]!.seq <= lastSeq) lo = mid + 1;
      else hi = mid;
    }
    return this.chunks.slice(lo);
  }

  all(): Chunk[] {
    return [...this.chunks];
  }

  get bytes(): number {
    return this.size;
  }

  get length(): number {
    return this.chunks.length;
  }
}
