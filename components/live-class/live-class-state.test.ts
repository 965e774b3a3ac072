import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialLiveClassState, liveClassReducer, RECENT_BROADCASTS } from './live-class-state.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute)).toISOString();

test('broadcasts from the list and the stream merge: one per id, newest first, the most recent 20', () => {
  let s = initialLiveClassState(null);
  s = liveClassReducer(s, {
    type: 'broadcasts',
    broadcasts: [
      { id: 'b2', message: 'two', at: at(2) },
      { id: 'b1', message: 'one', at: at(1) },
    ],
  });
  s = liveClassReducer(s, {
    type: 'event',
    event: { type: 'broadcast', id: 'b3', message: 'three', at: at(3) },
  });
  // The same broadcast again (the list fetched after a reconnect): still once.
  s = liveClassReducer(s, { type: 'broadcasts', broadcasts: [{ id: 'b3', message: 'three', at: at(3) }] });
  assert.deepEqual(
    s.broadcasts.map((b) => b.id),
    ['b3', 'b2', 'b1'],
  );
  for (let i = 10; i < 40; i++)
    s = liveClassReducer(s, {
      type: 'event',
      event: { type: 'broadcast', id: `x${i}`, message: 'm', at: at(i) },
    });
  assert.equal(s.broadcasts.length, RECENT_BROADCASTS);
  assert.equal(s.broadcasts[0]?.id, 'x39');
});

test('the hand: raised and lowered by the learner, or resolved by the instructor', () => {
  let s = initialLiveClassState({ message: 'help' });
  assert.deepEqual(s.hand, { raised: true, message: 'help' });
  const down = {
    type: 'hand',
    learnerId: 'l',
    name: 'Ada',
    raised: false,
    message: null,
    at: at(5),
  } as const;
  s = liveClassReducer(s, { type: 'event', event: down });
  assert.equal(s.hand.raised, false);
  assert.equal(s.handResolved, true, 'down while up here: the instructor resolved it');
  s = liveClassReducer(s, { type: 'hand', raised: true, message: null });
  assert.equal(s.handResolved, false);
  // The learner lowers it here first; the event that follows is their own, not a resolution.
  s = liveClassReducer(s, { type: 'hand', raised: false, message: null });
  s = liveClassReducer(s, { type: 'event', event: down });
  assert.equal(s.handResolved, false);
});

test('typing permission and watchers are kept per sandbox', () => {
  let s = initialLiveClassState(null);
  s = liveClassReducer(s, {
    type: 'event',
    event: { type: 'watch', learnerId: 'l', sandboxId: 's1', watching: 2 },
  });
  s = liveClassReducer(s, {
    type: 'event',
    event: { type: 'typing', learnerId: 'l', sandboxId: 's1', allowed: true },
  });
  s = liveClassReducer(s, { type: 'typing', sandboxId: 's2', allowed: false });
  assert.deepEqual(s.watching, { s1: 2 });
  assert.deepEqual(s.typing, { s1: true, s2: false });
  // Events the learner's stream never carries change nothing.
  const same = liveClassReducer(s, { type: 'event', event: { type: 'learner', learnerId: 'x', name: 'X' } });
  assert.equal(same, s);
});
