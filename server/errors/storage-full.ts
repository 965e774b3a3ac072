// True when an error means "the disk is full" — SQLite's SQLITE_FULL through the Prisma driver adapter,
// PostgreSQL's disk_full (SQLSTATE 53100), or a plain ENOSPC — wherever in the cause chain it sits.
const FULL_CODES = new Set(['SQLITE_FULL', '53100', 'ENOSPC']);

export function isStorageFull(e: unknown, depth = 0): boolean {
  if (depth > 6 || typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  for (const key of ['code', 'originalCode']) {
    if (typeof o[key] === 'string' && FULL_CODES.has(o[key])) return true;
  }
  const meta = o.meta as Record<string, unknown> | undefined;
  return [o.cause, meta?.driverAdapterError].some((inner) => isStorageFull(inner, depth + 1));
}
