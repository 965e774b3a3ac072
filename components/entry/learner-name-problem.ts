import { learnerNameSchema } from '../../contract/classrooms';
import { GUEST_NAME_MAX } from '../../contract/public-api';
import type { EntryStrings } from './entry-strings';

// The server's own rule for a display name (contract/classrooms.ts), said in the learner's language before
// the form is sent; undefined when the name is fine.
export function learnerNameProblem(name: string, t: EntryStrings): string | undefined {
  const r = learnerNameSchema.safeParse(name);
  if (r.success) return undefined;
  const issue = r.error.issues[0];
  if (issue?.code === 'too_small') return t.nameRequired;
  if (issue?.code === 'too_big') return t.nameTooLong(GUEST_NAME_MAX);
  return t.nameBadCharacters;
}
