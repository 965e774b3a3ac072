import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkMessageSchema,
  checkMessageTemplates,
  msg,
  renderCheckMessage,
} from '../../contract/check-messages.ts';
import { pickScriptMessage } from '../../contract/script-assertion.ts';

// Every finding reads in both of the page's languages, with the same parameters in each.
test('every check message exists in English and Chinese with the same placeholders', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const [code, t] of Object.entries(checkMessageTemplates)) {
    assert.ok(t.en.trim() && t.zh.trim(), `${code} has both texts`);
    assert.deepEqual(placeholders(t.zh), placeholders(t.en), `${code}: same placeholders in en and zh`);
    // A script's words are its author's: shown as they are, or picked from its own en/zh messages.
    if (code !== 'script_said' && code !== 'script_message')
      assert.match(t.zh, /[\u4e00-\u9fff]/, `${code}: the zh text is Chinese`);
  }
});

test('a finding renders with nested findings, in the language asked for', () => {
  const finding = msg('on_node', {
    node: 'node2',
    message: msg('file_missing', { path: '/hello.txt', where: msg('where_volume', { name: 'v' }) }),
  });
  assert.equal(renderCheckMessage(finding, 'en'), 'On node2: There is no file /hello.txt in volume "v".');
  assert.equal(renderCheckMessage(finding, 'zh'), '在 node2 上：数据卷 "v" 中没有文件 /hello.txt。');
  // What crosses the wire parses back; an unknown code does not.
  assert.deepEqual(checkMessageSchema.parse(JSON.parse(JSON.stringify(finding))), finding);
  assert.equal(checkMessageSchema.safeParse({ code: 'made_up' }).success, false);
});

test("a script's own messages: its last line picks one, `key: detail` filled in, each language its text", () => {
  const messages = { 'other-content': { en: 'It says "{detail}".', zh: '内容是 "{detail}"。' } };
  const text = pickScriptMessage(messages, 'other-content: imported');
  assert.deepEqual(text, { en: 'It says "imported".', zh: '内容是 "imported"。' });
  const finding = msg('script_message', { text: text! });
  assert.equal(renderCheckMessage(finding, 'zh'), '内容是 "imported"。');
  assert.deepEqual(checkMessageSchema.parse(JSON.parse(JSON.stringify(finding))), finding);
  // Not a declared key, or no messages at all: the line is the script's own words (script_said).
  assert.equal(pickScriptMessage(messages, 'other: imported'), undefined);
  assert.equal(pickScriptMessage(undefined, 'other-content'), undefined);
});
