import { Prisma } from './client.ts';

// A write refused by a unique index (Prisma's P2002), the same on SQLite and PostgreSQL.
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}
