import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../contract/errors.ts';
import { config } from '../config.ts';
import type { Course } from './course-types.ts';
import { formatLintIssue } from './lint-issue.ts';
import { readCourse } from './read-course.ts';

// The course, parsed and validated once per process. Outside production the folder's file times are
// compared on each call (cheap: a few dozen stats), so an author previewing a lesson sees edits on reload.

interface Cached {
  readonly fingerprint?: string;
  readonly course: Promise<Course>;
}

const cache = new Map<string, Cached>();
const watchForEdits = () => process.env.NODE_ENV !== 'production';

export async function loadCourse(dir: string = config().BERTH_LESSONS_DIR): Promise<Course> {
  const key = path.resolve(dir);
  const cached = cache.get(key);
  if (cached && !watchForEdits()) return cached.course;
  const fingerprint = watchForEdits() ? await fingerprintOf(key) : undefined;
  if (cached && cached.fingerprint === fingerprint) return cached.course;

  const course = readValidCourse(key);
  cache.set(key, { fingerprint, course });
  // A failed load is not cached: the next call retries (after the author fixes the file).
  course.catch(() => {
    if (cache.get(key)?.course === course) cache.delete(key);
  });
  return course;
}

// Forgets the cached course and reads it again (tests, dev tooling).
export async function reloadCourse(dir: string = config().BERTH_LESSONS_DIR): Promise<Course> {
  cache.delete(path.resolve(dir));
  return loadCourse(dir);
}

async function readValidCourse(dir: string): Promise<Course> {
  const { course, issues } = await readCourse(dir);
  if (course) return course;
  const lines = issues.map(formatLintIssue);
  throw new BerthError(
    'validation_failed',
    `The lessons in ${dir} are invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    { issues },
  );
}

async function fingerprintOf(dir: string): Promise<string> {
  const parts: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const info = await stat(full).catch(() => undefined);
        if (info) parts.push(`${full}:${info.size}:${info.mtimeMs}`);
      }
    }
  };
  await walk(dir);
  return parts.sort().join('\n');
}
