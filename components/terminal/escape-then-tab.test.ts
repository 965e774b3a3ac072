// Leaving the terminal with Esc, then Tab: what reaches the shell for each key sequence (xterm's own
// handling of a key the handler lets through is written as the key itself).
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { escapeThenTab, type KeyLike } from './escape-then-tab';

function keyboard(t: TestContext) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const shell: string[] = [];
  const movedFocus: string[] = [];
  const keys = escapeThenTab((d) => shell.push(d === '\x1b' ? 'Esc' : d));
  const press = (key: string, mods: Partial<KeyLike> = {}) => {
    const ev: KeyLike = {
      type: 'keydown',
      key,
      shiftKey: false,
      ctrlKey: false,
      altKey: false,
      metaKey: false,
      ...mods,
    };
    if (keys.handle(ev)) {
      // xterm would type it; modifier keys alone type nothing.
      if (!['Shift', 'Control'].includes(key)) shell.push(mods.shiftKey && key === 'Tab' ? 'Shift+Tab' : key);
    } else if (key === 'Tab') movedFocus.push(mods.shiftKey ? 'back' : 'forward');
    keys.handle({ ...ev, type: 'keyup' });
  };
  return { shell, movedFocus, press, keys };
}

test('Esc then Tab moves focus on and types nothing', (t) => {
  const { shell, movedFocus, press } = keyboard(t);
  press('Escape');
  press('Tab');
  t.mock.timers.tick(5_000);
  assert.deepEqual(shell, []);
  assert.deepEqual(movedFocus, ['forward']);
});

test('Esc then Shift+Tab (Shift pressed first) moves focus back and types nothing', (t) => {
  const { shell, movedFocus, press } = keyboard(t);
  press('Escape');
  press('Shift', { shiftKey: true });
  press('Tab', { shiftKey: true });
  t.mock.timers.tick(5_000);
  assert.deepEqual(shell, []);
  assert.deepEqual(movedFocus, ['back']);
});

test('Tab alone stays in the shell (completion)', (t) => {
  const { shell, movedFocus, press } = keyboard(t);
  press('d');
  press('Tab');
  assert.deepEqual(shell, ['d', 'Tab']);
  assert.deepEqual(movedFocus, []);
});

test('Esc then another key sends both, in order (Alt+key as in any terminal)', (t) => {
  const { shell, press } = keyboard(t);
  press('Escape');
  assert.deepEqual(shell, [], 'held until the next key decides');
  press('b');
  assert.deepEqual(shell, ['Esc', 'b']);
  press('Escape');
  press('Escape');
  assert.deepEqual(shell, ['Esc', 'b', 'Esc', 'Escape'], 'a second Esc sends the first and itself');
});

test('Esc alone reaches the program after a second', (t) => {
  const { shell, press } = keyboard(t);
  press('Escape');
  t.mock.timers.tick(999);
  assert.deepEqual(shell, []);
  t.mock.timers.tick(1);
  assert.deepEqual(shell, ['Esc']);
  press('Tab');
  assert.deepEqual(shell, ['Esc', 'Tab'], 'too late to leave: Tab is the shell’s again');
});

test('flush sends a held Esc at once; Ctrl+Tab or Esc with a modifier are not the leave keys', (t) => {
  const { shell, movedFocus, press, keys } = keyboard(t);
  press('Escape');
  keys.flush();
  assert.deepEqual(shell, ['Esc']);
  press('Escape');
  press('Tab', { ctrlKey: true });
  assert.deepEqual(shell, ['Esc', 'Esc', 'Tab']);
  press('Escape', { shiftKey: true });
  assert.deepEqual(shell.at(-1), 'Escape');
  assert.deepEqual(movedFocus, []);
});
