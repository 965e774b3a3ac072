import { instructorTypingBodySchema } from '@/contract/classrooms.ts';
import { userRoute } from '@/server/http/api-route.ts';
import { setInstructorTyping } from '@/server/sandboxes/set-instructor-typing.ts';

export const dynamic = 'force-dynamic';

// PUT /api/sandboxes/:id/instructor-typing {allowed}: the owner lets the watching instructor type, or not.
export const PUT = userRoute(instructorTypingBodySchema, async ({ user, params, body }) =>
  Response.json(await setInstructorTyping(user, params.id!, body.allowed)),
);
