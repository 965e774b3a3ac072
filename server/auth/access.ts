import { BerthError } from '../../contract/errors.ts';
import { type Classroom, db, type Sandbox } from '../db/client.ts';
import type { SessionUser } from './create-guest-session.ts';

// The one authorisation rule of Berth, for route handlers and the terminal websocket alike:
// - a classroom's instructor sees everything of that classroom (its learners, their sandboxes, read-only);
// - a learner sees their own things, and of their classroom only what is addressed to the whole class;
// - anyone else gets 404, exactly as for something that does not exist, so ids reveal nothing.

export type ClassroomRole = 'instructor' | 'learner';

/** What `user` is in the classroom: its instructor, one of its learners, or nothing (null). */
export async function classroomRole(user: SessionUser, classroom: Classroom): Promise<ClassroomRole | null> {
  if (user.role === 'instructor') return classroom.instructorId === user.id ? 'instructor' : null;
  const me = await db().user.findUnique({ where: { id: user.id }, select: { classroomId: true } });
  return me?.classroomId === classroom.id ? 'learner' : null;
}

/** The classroom and `user`'s role in it, if that role is one of `roles`; else 404. */
export async function classroomAccess(
  user: SessionUser,
  classroomId: string,
  roles: readonly ClassroomRole[],
): Promise<{ classroom: Classroom; role: ClassroomRole }> {
  const classroom = await db().classroom.findUnique({ where: { id: classroomId } });
  const role = classroom && (await classroomRole(user, classroom));
  if (!classroom || !role || !roles.includes(role)) throw new BerthError('not_found', 'No such classroom.');
  return { classroom, role };
}

/** A learner of the classroom (`learnerId`) as its instructor may see them; else 404. */
export async function learnerOfClassroom(classroom: Classroom, learnerId: string) {
  const learner = await db().user.findUnique({ where: { id: learnerId } });
  if (!learner || learner.classroomId !== classroom.id) throw new BerthError('not_found', 'No such learner.');
  return learner;
}

/**
 * May `user` see this sandbox? Its owner, always. With `watch` — a look that acts on nothing: the terminal's
 * watch mode, the sandbox's state — also the instructor of the classroom its owner belongs to. Nobody else.
 */
export async function canSeeSandbox(
  user: SessionUser,
  sandbox: Pick<Sandbox, 'userId'>,
  opts: { watch?: boolean } = {},
): Promise<boolean> {
  if (sandbox.userId === user.id) return true;
  if (!opts.watch || user.role !== 'instructor') return false;
  const owner = await db().user.findUnique({
    where: { id: sandbox.userId },
    select: { classroom: { select: { instructorId: true } } },
  });
  return owner?.classroom?.instructorId === user.id;
}
