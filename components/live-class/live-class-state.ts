import type { Broadcast, ClassroomEvent } from '../../contract/classrooms';

// What a classroom learner's widgets show, and how each event or answer changes it: recent broadcasts (newest
// first), their own hand, and per sandbox whether the instructor watches and may type. Pure, so it is tested
// without a browser (live-class-state.test.ts).

export const RECENT_BROADCASTS = 20;

export interface LiveClassState {
  broadcasts: readonly Broadcast[];
  hand: { raised: boolean; message: string | null };
  /** Set when the hand came down by the instructor's hand (resolved), not the learner's. */
  handResolved: boolean;
  typing: Readonly<Record<string, boolean>>;
  watching: Readonly<Record<string, number>>;
}

export type LiveClassAction =
  | { type: 'event'; event: ClassroomEvent }
  | { type: 'broadcasts'; broadcasts: readonly Broadcast[] }
  | { type: 'hand'; raised: boolean; message: string | null }
  | { type: 'typing'; sandboxId: string; allowed: boolean };

export function initialLiveClassState(hand: { message: string | null } | null): LiveClassState {
  return {
    broadcasts: [],
    hand: { raised: hand !== null, message: hand?.message ?? null },
    handResolved: false,
    typing: {},
    watching: {},
  };
}

/** Known and new broadcasts together: one per id, newest first, the most recent RECENT_BROADCASTS. */
function mergeBroadcasts(known: readonly Broadcast[], more: readonly Broadcast[]): Broadcast[] {
  const byId = new Map(known.map((b) => [b.id, b]));
  for (const b of more) byId.set(b.id, b);
  return [...byId.values()]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, RECENT_BROADCASTS);
}

export function liveClassReducer(state: LiveClassState, action: LiveClassAction): LiveClassState {
  switch (action.type) {
    case 'broadcasts':
      return { ...state, broadcasts: mergeBroadcasts(state.broadcasts, action.broadcasts) };
    case 'hand':
      return { ...state, hand: { raised: action.raised, message: action.message }, handResolved: false };
    case 'typing':
      return { ...state, typing: { ...state.typing, [action.sandboxId]: action.allowed } };
    case 'event': {
      const e = action.event;
      switch (e.type) {
        case 'broadcast':
          return { ...state, broadcasts: mergeBroadcasts(state.broadcasts, [e]) };
        case 'hand':
          return {
            ...state,
            hand: { raised: e.raised, message: e.raised ? e.message : null },
            // Down while this page thought it up, and not by this page's own request: the instructor's doing.
            handResolved: !e.raised && state.hand.raised,
          };
        case 'typing':
          return { ...state, typing: { ...state.typing, [e.sandboxId]: e.allowed } };
        case 'watch':
          return { ...state, watching: { ...state.watching, [e.sandboxId]: e.watching } };
        default:
          return state;
      }
    }
  }
}
