// Breaks text the page writes into the terminal (the welcome) between words rather than mid-word on a
// narrow screen. ANSI styling takes no columns; text without spaces (Chinese) is left to xterm's wrapping.
// biome-ignore lint/suspicious/noControlCharactersInRegex: styling sequences start with ESC
const ANSI = /\x1b\[[\d;]*m/g;

export function wrapWords(text: string, cols: number): string {
  return text
    .split('\r\n')
    .map((line) => {
      const out: string[] = [];
      let width = 0;
      for (const word of line.split(' ')) {
        const w = word.replace(ANSI, '').length;
        if (width > 0 && width + 1 + w > cols) {
          out.push('\r\n');
          width = 0;
        } else if (out.length > 0) {
          out.push(' ');
          width += 1;
        }
        out.push(word);
        width += w;
      }
      return out.join('');
    })
    .join('\r\n');
}
