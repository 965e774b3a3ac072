import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTerminalReport } from './terminal-report';

test('xterm’s answers to queries are told apart from what the learner types', () => {
  for (const report of [
    '\x1b[41;98R',
    '\x1b[?1;2c',
    '\x1b[>0;276;0c',
    '\x1b[0n',
    '\x1b[?2004;1$y',
    '\x1b]11;rgb:0e0e/1212/1717\x1b\\',
    '\x1bP1$r0m\x1b\\',
  ])
    assert.equal(isTerminalReport(report), true, JSON.stringify(report));
  for (const typed of ['ls\r', '\x1b', '\x1b[A', '\x1b[3~', '\x1bb', '\x05\x15docker ps\r', '1;98R'])
    assert.equal(isTerminalReport(typed), false, JSON.stringify(typed));
});
