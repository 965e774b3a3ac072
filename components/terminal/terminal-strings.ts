import type { Lang } from '../i18n/lang';

// The terminal's own words in both course languages: the welcome it prints, how to leave it by keyboard,
// screen-reader mode, and what the connection says about the learner's typing.
const en = {
  /** Printed at the top of a fresh screen, before the shell's first prompt (CRLF: it goes into xterm). */
  welcome: (node: string) =>
    `Welcome to \x1b[1m${node}\x1b[0m, a Linux host of your own with its own Docker engine.\r\n` +
    'It has no internet: \x1b[1mdocker images\x1b[0m lists the images you can use offline.\r\n\r\n',
  /** The visible help beside the terminal. */
  leaveKeys: 'Leave the terminal: Esc, then Tab',
  leaveKeysShort: 'Esc, Tab: leave',
  /** Read out when the terminal gets focus. */
  keysDescription:
    'To leave the terminal, press Esc, then Tab or Shift+Tab. Esc on its own still reaches the program after a second.',
  screenReaderMode: 'Screen reader mode',
  screenReaderOn: 'Screen reader mode is on: new output is read out and the screen can be read line by line.',
  screenReaderOff: 'Screen reader mode is off.',
  /** xterm's label of its input and its note when output is too long to read out. */
  promptLabel: 'Terminal input',
  tooMuchOutput: 'Too much output to read out; read the terminal’s lines one by one instead.',
  outputLabel: 'Terminal output',
  connStalled: (s: number) => (s > 0 ? `Stalled: no answer for ${s} s` : 'Stalled: no answer'),
  inputWaiting: (n: number) => `${n} character${n === 1 ? '' : 's'} waiting to be sent`,
  inputNotSent: (n: number) =>
    `${n} character${n === 1 ? '' : 's'} not sent: type ${n === 1 ? 'it' : 'them'} again`,
  inputUnconfirmed: (n: number) =>
    `The last ${n} character${n === 1 ? '' : 's'} may not have reached the shell: check the command line`,
};
export type TerminalStrings = typeof en;

const zh: TerminalStrings = {
  welcome: (node) =>
    `欢迎来到 \x1b[1m${node}\x1b[0m：一台属于你自己的 Linux 主机，带有它自己的 Docker 引擎。\r\n` +
    '这里不能访问互联网：\x1b[1mdocker images\x1b[0m 会列出可以离线使用的镜像。\r\n\r\n',
  leaveKeys: '离开终端：先按 Esc，再按 Tab',
  leaveKeysShort: 'Esc、Tab：离开',
  keysDescription: '要离开终端，请先按 Esc，再按 Tab 或 Shift+Tab。单独按 Esc 时，它会在一秒后照常发给程序。',
  screenReaderMode: '屏幕阅读器模式',
  screenReaderOn: '屏幕阅读器模式已开启：新的输出会被朗读，屏幕内容可以逐行阅读。',
  screenReaderOff: '屏幕阅读器模式已关闭。',
  promptLabel: '终端输入',
  tooMuchOutput: '输出太多，无法全部朗读；请逐行阅读终端内容。',
  outputLabel: '终端输出',
  connStalled: (s) => (s > 0 ? `连接停滞：已 ${s} 秒无响应` : '连接停滞：无响应'),
  inputWaiting: (n) => `${n} 个字符等待发送`,
  inputNotSent: (n) => `${n} 个字符未发送，请重新输入`,
  inputUnconfirmed: (n) => `最后 ${n} 个字符可能没有送达 shell，请检查命令行`,
};

export function terminalStringsFor(lang: Lang): TerminalStrings {
  return lang === 'zh' ? zh : en;
}
