// Keys typed while the terminal cannot send them (connecting, stalled, reconnecting): kept in order up to a
// bound and sent once the connection is back; past the bound they are counted as not sent, never reordered.

/** What the learner should know about their typing; all counts are characters. */
export interface InputReport {
  /** Typed while disconnected, waiting to be sent. */
  waiting: number;
  /** Typed while disconnected and dropped because too much was waiting. */
  notSent: number;
  /** Sent on a connection that died before the server confirmed it: they may not have reached the shell. */
  unconfirmed: number;
}

export const EMPTY_INPUT_REPORT: InputReport = { waiting: 0, notSent: 0, unconfirmed: 0 };

export class InputBacklog {
  private chunks: string[] = [];
  private size = 0;
  /** Once something was dropped, everything after it is dropped too, until the backlog is sent. */
  private dropping = false;
  private notSent = 0;
  private unconfirmed = 0;

  constructor(private readonly maxChars: number) {}

  /** Keeps `data` if it fits; false when it was dropped. */
  push(data: string): boolean {
    if (this.dropping || this.size + data.length > this.maxChars) {
      this.dropping = true;
      this.notSent += data.length;
      return false;
    }
    this.chunks.push(data);
    this.size += data.length;
    return true;
  }

  /** Everything waiting, in the order it was typed; the backlog is empty afterwards. */
  take(): string[] {
    const chunks = this.chunks;
    this.chunks = [];
    this.size = 0;
    this.dropping = false;
    return chunks;
  }

  /** Characters that went out on a connection that then died unconfirmed. */
  addUnconfirmed(chars: number): void {
    this.unconfirmed += chars;
  }

  /** Forget what was reported as lost (the learner has been told); keeps what is waiting. */
  acknowledge(): void {
    this.notSent = 0;
    this.unconfirmed = 0;
  }

  clear(): void {
    this.take();
    this.acknowledge();
  }

  get report(): InputReport {
    return { waiting: this.size, notSent: this.notSent, unconfirmed: this.unconfirmed };
  }
}
