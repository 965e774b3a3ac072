// The live dashboard's state and how each classroom event (contract/classrooms.ts) changes it: pure, so the
// dashboard component only subscribes and renders, and this is tested without a browser.
import type {
  Broadcast,
  ClassroomEvent,
  ClassroomLiveProgress,
  ExerciseCell,
  Hands,
} from '../../contract/classrooms';

export type LearnerRow = ClassroomLiveProgress['learners'][number] & {
  /** Instructors attached to the learner's terminal now (`watch` events). */
  watching: number;
  /** The learner lets the instructor type (`typing` events). */
  typingAllowed: boolean;
};
export type Hand = Hands['hands'][number];

export interface DashboardState {
  learners: LearnerRow[];
  hands: Hand[];
  broadcasts: Broadcast[];
}

/** A learner's row before any check: every exercise untried, with its number of tasks. */
export type EmptyCells = Record<string, ExerciseCell>;

const BROADCASTS_KEPT = 20;

export function initialDashboardState(
  progress: ClassroomLiveProgress,
  hands: Hand[],
  broadcasts: Broadcast[],
  /** The present watch and typing state, as events (the stream only tells changes). */
  terminals: readonly ClassroomEvent[] = [],
): DashboardState {
  const state: DashboardState = {
    learners: progress.learners.map((l) => ({ ...l, watching: 0, typingAllowed: false })),
    hands,
    broadcasts,
  };
  return terminals.reduce((s, e) => applyClassroomEvent(s, e, {}), state);
}

/** Cells only ever advance (passed stays passed, attempts and tasks passed grow): of two views of one cell,
 * the further one is the newer, so a snapshot fetched just before an event cannot undo it. */
function furthest(a: ExerciseCell | undefined, b: ExerciseCell): ExerciseCell {
  if (!a) return b;
  return {
    passed: a.passed || b.passed,
    tasksPassed: Math.max(a.tasksPassed, b.tasksPassed),
    tasksTotal: b.tasksTotal,
    attempts: Math.max(a.attempts, b.attempts),
    firstPassedAt: a.firstPassedAt ?? b.firstPassedAt,
  };
}

/** A fresh snapshot (on connecting, or the periodic refresh of idle/stuck): the server's word on each
 * learner's flags; cells merged with what events already told; watchers and typing (which only events tell)
 * kept; and learners who joined after the snapshot was taken (a `learner` event) kept — nobody ever leaves. */
export function withProgress(state: DashboardState, progress: ClassroomLiveProgress): DashboardState {
  const before = new Map(state.learners.map((l) => [l.id, l]));
  const inSnapshot = new Set(progress.learners.map((l) => l.id));
  return {
    ...state,
    learners: [
      ...progress.learners.map((l) => {
        const was = before.get(l.id);
        return {
          ...l,
          exercises: Object.fromEntries(
            Object.entries(l.exercises).map(([id, cell]) => [id, furthest(was?.exercises[id], cell)]),
          ),
          watching: was?.watching ?? 0,
          typingAllowed: was?.typingAllowed ?? false,
        };
      }),
      ...state.learners.filter((l) => !inSnapshot.has(l.id)),
    ],
  };
}

/** Whether the dashboard knows this learner (an event about someone else asks for a fresh snapshot). */
export function knowsLearner(state: DashboardState, learnerId: string): boolean {
  return state.learners.some((l) => l.id === learnerId);
}

function updateLearner(
  state: DashboardState,
  id: string,
  change: (l: LearnerRow) => LearnerRow,
): DashboardState {
  if (!state.learners.some((l) => l.id === id)) return state;
  return { ...state, learners: state.learners.map((l) => (l.id === id ? change(l) : l)) };
}

export function applyClassroomEvent(
  state: DashboardState,
  event: ClassroomEvent,
  emptyCells: EmptyCells,
  now = new Date(),
): DashboardState {
  switch (event.type) {
    case 'progress':
      return updateLearner(state, event.learnerId, (l) => ({
        ...l,
        exercises: { ...l.exercises, [event.exerciseId]: event.cell },
        lastActiveAt: now.toISOString(),
        idle: false,
        // Passing the exercise a learner was stuck on ends that; a new stuck one shows on the next refresh.
        stuck: l.stuck === event.exerciseId && event.cell.passed ? null : l.stuck,
      }));
    case 'learner':
      if (state.learners.some((l) => l.id === event.learnerId)) return state;
      return {
        ...state,
        learners: [
          ...state.learners,
          {
            id: event.learnerId,
            name: event.name,
            exercises: { ...emptyCells },
            lastActiveAt: null,
            idle: false,
            stuck: null,
            handRaised: false,
            sandboxId: null,
            watching: 0,
            typingAllowed: false,
          },
        ],
      };
    case 'hand': {
      const others = state.hands.filter((h) => h.learnerId !== event.learnerId);
      const sandboxId = state.learners.find((l) => l.id === event.learnerId)?.sandboxId ?? null;
      const hands = event.raised
        ? [
            ...others,
            {
              learnerId: event.learnerId,
              name: event.name,
              message: event.message,
              raisedAt: event.at,
              sandboxId,
            },
          ].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt))
        : others;
      return updateLearner({ ...state, hands }, event.learnerId, (l) => ({ ...l, handRaised: event.raised }));
    }
    case 'broadcast':
      if (state.broadcasts.some((b) => b.id === event.id)) return state;
      return {
        ...state,
        broadcasts: [{ id: event.id, message: event.message, at: event.at }, ...state.broadcasts].slice(
          0,
          BROADCASTS_KEPT,
        ),
      };
    case 'typing':
      return updateLearner(state, event.learnerId, (l) => ({
        ...l,
        sandboxId: event.sandboxId,
        typingAllowed: event.allowed,
      }));
    case 'watch':
      return updateLearner(state, event.learnerId, (l) => ({
        ...l,
        sandboxId: event.sandboxId,
        watching: event.watching,
      }));
  }
}

/** How a cell reads: passed (green), tried but not passed (amber), not tried (grey). */
export function cellState(cell: ExerciseCell | undefined): 'passed' | 'tried' | 'none' {
  if (cell?.passed) return 'passed';
  return cell && (cell.attempts > 0 || cell.tasksPassed > 0) ? 'tried' : 'none';
}
