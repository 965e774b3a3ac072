// Browser-side client of the routes the instructor's dashboard uses (contract/classrooms.ts), answers
// validated; the entry pages' and the learner widgets' are in components/api/classroom-api.ts.
import { z } from 'zod';
import {
  attemptsSchema,
  broadcastSchema,
  broadcastsSchema,
  classroomLiveProgressSchema,
  classroomSchema,
  handsSchema,
  prewarmStatusSchema,
} from '../../contract/classrooms';
import { request } from '../api/berth-api';
import { classroomPath } from '../api/classroom-api';

export const dashboardApi = {
  update: (id: string, change: { joinOpen?: boolean; archived?: true }) =>
    request('PATCH', classroomPath(id), classroomSchema, { body: change }),
  progress: (id: string, signal?: AbortSignal) =>
    request('GET', `${classroomPath(id)}/progress`, classroomLiveProgressSchema, { signal }),
  hands: (id: string, signal?: AbortSignal) =>
    request('GET', `${classroomPath(id)}/hands`, handsSchema, { signal }),
  resolveHand: (id: string, learnerId: string) =>
    request('DELETE', `${classroomPath(id)}/hands/${encodeURIComponent(learnerId)}`, z.unknown()),
  broadcast: (id: string, message: string) =>
    request('POST', `${classroomPath(id)}/broadcasts`, broadcastSchema, { body: { message } }),
  broadcasts: (id: string) => request('GET', `${classroomPath(id)}/broadcasts`, broadcastsSchema),
  prewarmStatus: (id: string) => request('GET', `${classroomPath(id)}/prewarm`, prewarmStatusSchema),
  prewarm: (id: string, count: number) =>
    request('POST', `${classroomPath(id)}/prewarm`, prewarmStatusSchema, { body: { count } }),
  attempts: (id: string, learnerId: string, signal?: AbortSignal) =>
    request(
      'GET',
      `${classroomPath(id)}/learners/${encodeURIComponent(learnerId)}/attempts`,
      attemptsSchema,
      {
        signal,
      },
    ),
};
