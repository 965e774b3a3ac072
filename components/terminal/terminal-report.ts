// Answers xterm sends on its own when the output asks (cursor position, device attributes, colours, modes).
// Output replayed after a (re)connect asks again questions a program asked long ago; answering them then
// would type "1;98R" into the shell, so terminal-session.ts drops them while replaying.
const REPORT = new RegExp(
  [
    '^\\x1b\\[\\d+;\\d+R$', // cursor position
    '^\\x1b\\[[?>=]?[\\d;]*c$', // device attributes
    '^\\x1b\\[\\d*n$', // status
    '^\\x1b\\[\\??[\\d;]*\\$y$', // mode report
    '^\\x1b\\[[\\d;]*t$', // window size
    '^\\x1b\\][\\d;]*[^\\x07\\x1b]*(\\x07|\\x1b\\\\)$', // OSC colour answers
    '^\\x1bP[^\\x1b]*\\x1b\\\\$', // DCS answers (DECRQSS, XTVERSION)
  ].join('|'),
);

export function isTerminalReport(data: string): boolean {
  return REPORT.test(data);
}
