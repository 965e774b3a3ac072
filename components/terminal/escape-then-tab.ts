// How a keyboard user leaves the terminal, where Tab belongs to the shell (completion): Esc, then Tab or
// Shift+Tab. The Esc is held back until the next key decides what it was for, so leaving types nothing into
// the shell (no lone Esc turning the next key into Alt+key, no "[Z" from Shift+Tab). Any other key sends the
// Esc first, then itself, as typed; an Esc with no key after it goes out on its own after `holdMs`, so vim
// and dialogs still get it.

/** The part of a KeyboardEvent this needs (xterm hands its custom key handler every key event). */
export interface KeyLike {
  type: string;
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  isComposing?: boolean;
}

export interface EscapeThenTab {
  /** xterm's custom key event handler: false means xterm must ignore the event (the browser moves focus). */
  handle(ev: KeyLike): boolean;
  /** Sends a held-back Esc now, if any (e.g. before the page types a command). */
  flush(): void;
  dispose(): void;
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'OS']);

export const ESCAPE_HOLD_MS = 1_000;

export function escapeThenTab(send: (data: string) => void, holdMs = ESCAPE_HOLD_MS): EscapeThenTab {
  let held: ReturnType<typeof setTimeout> | undefined;

  const release = (): boolean => {
    if (held === undefined) return false;
    clearTimeout(held);
    held = undefined;
    return true;
  };
  const flush = () => {
    if (release()) send('\x1b');
  };

  return {
    handle(ev) {
      if (ev.type !== 'keydown' || ev.isComposing) return true;
      const plain = !ev.ctrlKey && !ev.altKey && !ev.metaKey;
      if (held !== undefined) {
        // Shift pressed on the way to Shift+Tab decides nothing yet.
        if (MODIFIER_KEYS.has(ev.key)) return true;
        if (ev.key === 'Tab' && plain) {
          release();
          return false;
        }
        flush();
        return true;
      }
      if (ev.key === 'Escape' && plain && !ev.shiftKey) {
        held = setTimeout(flush, holdMs);
        return false;
      }
      return true;
    },
    flush,
    dispose: release,
  };
}
