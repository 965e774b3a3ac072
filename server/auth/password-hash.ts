import { hash, verify } from '@node-rs/argon2';

// Instructor passwords: argon2id (the @node-rs/argon2 default) with its default cost, stored as a PHC string
// that carries its own salt and parameters, so a later cost change still verifies old hashes.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A fixed hash to verify against when the email is unknown: the answer then takes as long as a wrong
// password does, so timing does not tell which emails are instructors.
let decoy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hash('berth-decoy-password');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
