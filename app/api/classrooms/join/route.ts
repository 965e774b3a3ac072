import { joinBodySchema } from '@/contract/classrooms.ts';
import { sessionCookieHeader } from '@/server/auth/session-cookie.ts';
import { joinClassroom } from '@/server/classrooms/join-classroom.ts';
import { config } from '@/server/config.ts';
import { publicRoute } from '@/server/http/api-route.ts';
import { clientAddress } from '@/server/http/client-address.ts';

// POST /api/classrooms/join {code, name}: a learner session + {classroomId, resumeCode, user}; 404 unknown/closed.
export const POST = publicRoute(joinBodySchema, async ({ req, body }) => {
  const { user, token, classroomId, resumeCode } = await joinClassroom(
    body.code,
    body.name,
    clientAddress(req),
  );
  return Response.json(
    { classroomId, resumeCode, user },
    { status: 201, headers: { 'set-cookie': sessionCookieHeader(token, config().BERTH_SECURE_COOKIES) } },
  );
});
