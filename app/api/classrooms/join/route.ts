import { type JoinReply, joinBodySchema } from '@/contract/classrooms.ts';
import { sessionCookieHeader } from '@/server/auth/session-cookie.ts';
import { joinClassroom } from '@/server/classrooms/join-classroom.ts';
import { config } from '@/server/config.ts';
import { publicRoute } from '@/server/http/api-route.ts';
import { clientAddress } from '@/server/http/client-address.ts';

// POST /api/classrooms/join {code, name}: a learner session + {classroomId, resumeCode, user, title, lessonIds};
// 404 unknown/closed.
export const POST = publicRoute(joinBodySchema, async ({ req, body }) => {
  const { token, ...reply } = await joinClassroom(body.code, body.name, clientAddress(req));
  return Response.json(reply satisfies JoinReply, {
    status: 201,
    headers: { 'set-cookie': sessionCookieHeader(token, config().BERTH_SECURE_COOKIES) },
  });
});
