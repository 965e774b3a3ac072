// Browser-side client of the instructor and classroom routes, apart from berth-api.ts so that a lesson page's
// first load does not carry them (only the pages and the lazy widgets that use them do).
import { z } from 'zod';
import {
  broadcastsSchema,
  classroomListSchema,
  createdClassroomSchema,
  handStateSchema,
  instructorTypingBodySchema,
  joinReplySchema,
  resumeReplySchema,
} from '../../contract/classrooms';
import { userEnvelopeSchema } from '../../contract/public-api';
import { request } from './berth-api';

export interface NewClassroom {
  title: string;
  lessonIds: string[];
  learnerCap?: number;
  sandboxMinutes?: number;
}

export const classroomApi = {
  login: (email: string, password: string) =>
    request('POST', '/api/auth/login', userEnvelopeSchema, { body: { email, password } }),
  logout: () => request('POST', '/api/auth/logout', z.unknown()),
  list: (signal?: AbortSignal) => request('GET', '/api/classrooms', classroomListSchema, { signal }),
  create: (body: NewClassroom) => request('POST', '/api/classrooms', createdClassroomSchema, { body }),
  join: (code: string, name: string) =>
    request('POST', '/api/classrooms/join', joinReplySchema, { body: { code, name } }),
  resume: (resumeCode: string) =>
    request('POST', '/api/classrooms/resume', resumeReplySchema, { body: { resumeCode } }),
  // A classroom learner's live widgets (the lesson page).
  broadcasts: (classroomId: string, signal?: AbortSignal) =>
    request('GET', `${classroomPath(classroomId)}/broadcasts`, broadcastsSchema, { signal }),
  raiseHand: (classroomId: string, message: string | undefined) =>
    request('POST', `${classroomPath(classroomId)}/hand`, handStateSchema, { body: { message } }),
  lowerHand: (classroomId: string) =>
    request('DELETE', `${classroomPath(classroomId)}/hand`, handStateSchema),
  setInstructorTyping: (sandboxId: string, allowed: boolean) =>
    request(
      'PUT',
      `/api/sandboxes/${encodeURIComponent(sandboxId)}/instructor-typing`,
      instructorTypingBodySchema,
      { body: { allowed } },
    ),
};

export function classroomPath(classroomId: string): string {
  return `/api/classrooms/${encodeURIComponent(classroomId)}`;
}
