import { JOIN_CODE_LENGTH } from '../../contract/classrooms';

// Join and resume codes as people read and type them: in groups (ABCDE-FGHJK, ABCD-EFGH-JKLM-NPQR). The server
// ignores case, spaces and dashes, so what is typed only needs the same clean-up to build a /join/CODE link.
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** Groups of five for a join code (10), of four for a resume code (16). */
export function groupCode(code: string): string {
  const size = code.length === JOIN_CODE_LENGTH ? 5 : 4;
  return (code.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join('-');
}
