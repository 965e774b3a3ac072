import { isApiError } from '../api/berth-api';
import type { EntryStrings } from './entry-strings';

// What a failed sign-in, join or resume tells the person, in their language: the status says which case it
// is (the server's own message is English and, for a wrong pair, deliberately vague); anything else as sent.
export function entryErrorText(e: unknown, t: EntryStrings, form: 'signin' | 'join' | 'resume'): string {
  if (!isApiError(e)) return String(e);
  if (e.code === 'network') return t.networkError;
  if (e.status === 429) return form === 'signin' ? t.tooManySignIns : t.tooManyJoins;
  if (form === 'signin' && e.status === 401) return t.wrongPassword;
  if (form === 'join' && e.status === 404) return t.unknownCode;
  if (form === 'join' && e.status === 409) return t.classroomFull;
  if (form === 'resume' && e.status === 404) return t.unknownResume;
  return e.message;
}
