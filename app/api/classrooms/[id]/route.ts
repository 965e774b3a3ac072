import { updateClassroomBodySchema } from '@/contract/classrooms.ts';
import { toClassroomView } from '@/server/classrooms/classroom-view.ts';
import { getOwnedClassroom } from '@/server/classrooms/owned-classroom.ts';
import { updateClassroom } from '@/server/classrooms/update-classroom.ts';
import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// GET /api/classrooms/:id: the classroom, to its instructor only (anyone else 404).
export const GET = userRoute(undefined, async ({ user, params }) =>
  Response.json(toClassroomView(await getOwnedClassroom(user, params.id!))),
);

// PATCH /api/classrooms/:id {joinOpen?, archived?}: close/reopen joining, archive; progress is never deleted.
export const PATCH = userRoute(updateClassroomBodySchema, async ({ user, params, body }) =>
  Response.json(toClassroomView(await updateClassroom(user, params.id!, body))),
);
