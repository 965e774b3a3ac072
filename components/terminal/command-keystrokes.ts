// What a Run button types into the terminal. First it clears the line the learner may have half typed, so
// the command never lands on the end of it (`docker psdocker network ls`): Ctrl-E goes to the end of the
// line and Ctrl-U cuts it — in bash (readline) and busybox sh the cut text stays in the kill ring, so
// Ctrl-Y brings it back; a program reading a plain line (cat, read) takes Ctrl-U as the terminal's
// "erase line" key and Ctrl-E goes with it. Then the command, a line at a time, and Enter.
export function commandKeystrokes(command: string): string {
  return `\x05\x15${command.replace(/(\r?\n)+$/, '').replace(/\r?\n/g, '\r')}\r`;
}
