// Remembers, in this browser, that the learner stopped their sandbox on purpose: opening a lesson then
// offers Start instead of starting a new sandbox behind their back. Any start they ask for clears it.
const KEY = 'berth.sandbox-stopped';

export function wasStoppedByLearner(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberStoppedByLearner(stopped: boolean): void {
  try {
    if (stopped) window.localStorage.setItem(KEY, '1');
    else window.localStorage.removeItem(KEY);
  } catch {
    // Storage off (private mode, policy): the page only forgets the choice after a reload.
  }
}
