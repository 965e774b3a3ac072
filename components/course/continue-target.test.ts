import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { continueTarget } from './continue-target.ts';

const lessons = [
  { id: 'networking/container-links', title: 'Links', exerciseIds: ['networking/container-links/a'] },
  {
    id: 'networking/two-hosts',
    title: 'Two hosts',
    exerciseIds: ['networking/two-hosts/a', 'networking/two-hosts/b'],
  },
];

describe('continueTarget', () => {
  it('is nothing for a newcomer: the page offers the first lesson', () => {
    assert.equal(continueTarget(lessons, undefined, undefined), undefined);
    assert.equal(continueTarget(lessons, undefined, new Set()), undefined);
  });

  it('is the lesson last opened in this browser, if it still exists', () => {
    assert.equal(continueTarget(lessons, 'networking/two-hosts', undefined)?.id, 'networking/two-hosts');
    assert.equal(continueTarget(lessons, 'gone/lesson', undefined), undefined);
  });

  it('else follows progress: the first started lesson not finished, else the last one started', () => {
    const half = new Set(['networking/container-links/a', 'networking/two-hosts/a']);
    assert.equal(continueTarget(lessons, undefined, half)?.id, 'networking/two-hosts');
    const first = new Set(['networking/container-links/a']);
    assert.equal(continueTarget(lessons, undefined, first)?.id, 'networking/two-hosts', 'the next lesson');
    const all = new Set([...half, 'networking/two-hosts/b']);
    assert.equal(continueTarget(lessons, undefined, all)?.id, 'networking/two-hosts', 'the last one begun');
  });
});
