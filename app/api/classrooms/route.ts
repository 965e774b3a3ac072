import { createClassroomBodySchema } from '@/contract/classrooms.ts';
import { createClassroom } from '@/server/classrooms/create-classroom.ts';
import { listClassrooms } from '@/server/classrooms/list-classrooms.ts';
import { instructorRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// POST /api/classrooms {title, lessonIds, learnerCap?}: a new classroom of the instructor's → 201 {id, joinCode}.
export const POST = instructorRoute(createClassroomBodySchema, async ({ user, body }) =>
  Response.json(await createClassroom(user, body), { status: 201 }),
);

// GET /api/classrooms: the instructor's classrooms, newest first.
export const GET = instructorRoute(undefined, async ({ user }) =>
  Response.json({ classrooms: await listClassrooms(user) }),
);
