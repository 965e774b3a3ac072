import { type ResumeReply, resumeBodySchema } from '@/contract/classrooms.ts';
import { sessionCookieHeader } from '@/server/auth/session-cookie.ts';
import { resumeLearner } from '@/server/classrooms/resume-learner.ts';
import { config } from '@/server/config.ts';
import { publicRoute } from '@/server/http/api-route.ts';
import { clientAddress } from '@/server/http/client-address.ts';

// POST /api/classrooms/resume {resumeCode}: the same learner signed in again (another device) + {classroomId,
// user, title, lessonIds}.
export const POST = publicRoute(resumeBodySchema, async ({ req, body }) => {
  const { token, ...reply } = await resumeLearner(body.resumeCode, clientAddress(req));
  return Response.json(reply satisfies ResumeReply, {
    headers: { 'set-cookie': sessionCookieHeader(token, config().BERTH_SECURE_COOKIES) },
  });
});
