import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { chapterIdOf } from './course-outline.ts';

// Outside production, which lessons' files change on disk, so an open lesson page can reload itself
// (app/api/dev/lesson-events/route.ts). One recursive watcher per lessons folder, shared by every open
// page and closed with the last one; a burst of writes (an editor's save) is one change.

/** A changed lesson (`chapter/lesson`), or a chapter whose chapter.yaml changed (`chapter`). */
export type LessonChange = string;

interface Shared {
  watcher: FSWatcher;
  listeners: Set<(change: LessonChange) => void>;
  pending: Map<LessonChange, NodeJS.Timeout>;
}

const watchers = new Map<string, Shared>();
const QUIET_MS = 150;

export function watchLessonFiles(dir: string, onChange: (change: LessonChange) => void): () => void {
  const key = path.resolve(dir);
  let shared = watchers.get(key);
  if (!shared) {
    const created: Shared = {
      listeners: new Set(),
      pending: new Map(),
      watcher: watch(key, { recursive: true }, (_event, file) => {
        const change = file ? changeOf(file.toString()) : undefined;
        if (!change) return;
        clearTimeout(created.pending.get(change));
        created.pending.set(
          change,
          setTimeout(() => {
            created.pending.delete(change);
            for (const listener of created.listeners) listener(change);
          }, QUIET_MS),
        );
      }),
    };
    // A folder that goes away (renamed during an edit) ends the watch; the page then stops reloading.
    created.watcher.on('error', () => stop(key));
    watchers.set(key, created);
    shared = created;
  }
  shared.listeners.add(onChange);
  return () => {
    shared.listeners.delete(onChange);
    if (shared.listeners.size === 0) stop(key);
  };
}

function stop(key: string): void {
  const shared = watchers.get(key);
  if (!shared) return;
  watchers.delete(key);
  shared.watcher.close();
  for (const timer of shared.pending.values()) clearTimeout(timer);
}

// `06-networking/container-links/en.md` → `networking/container-links`; `06-networking/chapter.yaml` →
// `networking`; editor swap files and other dot files are left out.
export function changeOf(file: string): LessonChange | undefined {
  const parts = file.split(path.sep);
  if (parts.some((p) => p.startsWith('.') || p.endsWith('~'))) return undefined;
  const [folder, second, third] = parts;
  if (!folder || !second) return undefined;
  if (third) return `${chapterIdOf(folder)}/${second}`;
  return second === 'chapter.yaml' ? chapterIdOf(folder) : undefined;
}
