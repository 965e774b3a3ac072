import type {
  Broadcast,
  ClassroomEvent,
  ClassroomLiveProgress,
  Hands,
  PrewarmStatus,
} from '../../contract/classrooms.ts';
import { agentStatuses } from '../agents/agent-registry.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import type { Lang } from '../lessons/lang.ts';
import { learnerTerminalState } from '../terminal/learner-terminal-state.ts';
import { type ClassroomOutline, classroomOutline } from './classroom-outline.ts';
import { getClassroomProgress } from './classroom-progress.ts';
import { toClassroomView } from './classroom-view.ts';
import { joinLink } from './join-link.ts';
import { joinQrPath, type QrPath } from './join-qr.ts';
import { listBroadcasts } from './list-broadcasts.ts';
import { listHands } from './list-hands.ts';
import { getOwnedClassroom } from './owned-classroom.ts';
import { getPrewarmStatus } from './prewarm-classroom.ts';
import { type TaskFailure, taskFailures } from './task-failures.ts';

// Everything the instructor's dashboard (app/classrooms/[id]/page.tsx) shows when it opens; from then on
// the page follows the classroom's events. Instructor of the classroom only (anyone else: 404).
export interface ClassroomDashboard {
  classroom: ReturnType<typeof toClassroomView>;
  outline: ClassroomOutline;
  progress: ClassroomLiveProgress;
  hands: Hands['hands'];
  broadcasts: Broadcast[];
  failures: TaskFailure[];
  /** The present watch and typing state of learners' live sandboxes, as the events that would tell it. */
  terminals: ClassroomEvent[];
  join: { url: string; loopback: boolean; qr: QrPath };
  /** Warm sandboxes asked for this class, and how far they have come. */
  prewarm: PrewarmStatus;
  /** Sandbox hosts short of disk (the agents' own warnings): new sandboxes are or will soon be refused. */
  diskWarnings: string[];
}

export async function loadClassroomDashboard(
  user: SessionUser,
  classroomId: string,
  lang: Lang,
): Promise<ClassroomDashboard> {
  const classroom = await getOwnedClassroom(user, classroomId);
  const outline = await classroomOutline(classroom, lang);
  const [progress, hands, broadcasts, failures, link, agents, prewarm] = await Promise.all([
    getClassroomProgress(user, classroomId),
    listHands(user, classroomId),
    listBroadcasts(user, classroomId),
    taskFailures(user, classroomId, outline),
    joinLink(classroom.joinCode),
    agentStatuses(),
    getPrewarmStatus(user, classroomId),
  ]);
  const withSandbox = progress.learners.filter((l) => l.sandboxId !== null);
  const terminals = (
    await Promise.all(withSandbox.map((l) => learnerTerminalState(l.id).catch(() => [])))
  ).flat();
  return {
    classroom: toClassroomView(classroom),
    outline,
    progress,
    hands: hands.hands,
    broadcasts,
    failures,
    terminals,
    join: { ...link, qr: joinQrPath(link.url) },
    prewarm,
    diskWarnings: agents.filter((a) => a.live && a.disk.warning).map((a) => a.disk.warning!),
  };
}
