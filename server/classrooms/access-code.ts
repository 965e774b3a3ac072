import { createHash, randomInt } from 'node:crypto';
import { CODE_ALPHABET } from '../../contract/classrooms.ts';

// Join and resume codes: uniformly random over an alphabet without look-alikes. A 10-character join code
// is ~49 bits (31^10), far beyond what the per-address join limit lets anyone try; a resume code is a
// credential, 16 characters (~79 bits), and only its hash is stored.
export function newAccessCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function hashResumeCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
