// The images a learner can use in every sandbox with no internet, by the names and tags the Docker
// Official Images use — as far as the Debian versions they are built from allow (`python:3.13` is
// Debian trixie's python3.13). `docker image inspect` shows what each really is (LABELS below).

export interface CourseImage {
  repo: string;
  // The first tag is the one the image is built as; the others point at the same image.
  tags: string[];
}

export const DEBIAN_SUITES = [
  { suite: 'trixie', tags: ['trixie', '13', 'latest', 'stable', 'trixie-slim', 'stable-slim'] },
  { suite: 'bookworm', tags: ['bookworm', '12', 'bookworm-slim'] },
] as const;

// Every course image but debian is built on this one, so they share its layer.
export const BASE_SUITE = 'trixie';

export const COURSE_IMAGES: CourseImage[] = [
  { repo: 'hello-world', tags: ['latest'] },
  { repo: 'busybox', tags: ['latest'] },
  ...DEBIAN_SUITES.map((d) => ({ repo: 'debian', tags: [...d.tags] })),
  { repo: 'nginx', tags: ['latest', 'stable', '1.26'] },
  { repo: 'registry', tags: ['2', 'latest'] },
  { repo: 'redis', tags: ['latest', '8', '8.0'] },
  { repo: 'python', tags: ['3.13', '3', 'latest', '3.13-slim', '3-slim', 'slim'] },
  { repo: 'node', tags: ['20', 'latest', '20-slim'] },
  { repo: 'golang', tags: ['1.24', '1', 'latest'] },
  { repo: 'httpd', tags: ['2.4', '2', 'latest'] },
  { repo: 'postgres', tags: ['17', 'latest'] },
];

export const COURSE_IMAGE_REFS = COURSE_IMAGES.flatMap((i) => i.tags.map((t) => `${i.repo}:${t}`));

// What `docker image inspect` says about every course image.
export const LABELS = {
  builtFrom: 'org.berth.built-from',
  offline: 'org.berth.offline-build',
} as const;

export function labelChanges(builtFrom: string): string[] {
  return [`LABEL ${LABELS.builtFrom}="${builtFrom}" ${LABELS.offline}="true"`];
}

// The name an image is built as on the sandbox engine: `prefix` keeps a trial build (e.g. `berth-dev/`)
// away from the images running sandboxes use; the mirror and the store always get the plain name.
export function localRef(image: CourseImage, prefix: string, tag = image.tags[0]!): string {
  return `${prefix}${image.repo}:${tag}`;
}

export function courseImage(repo: string, firstTag?: string): CourseImage {
  const found = COURSE_IMAGES.find((i) => i.repo === repo && (!firstTag || i.tags[0] === firstTag));
  if (!found) throw new Error(`no course image ${repo}${firstTag ? `:${firstTag}` : ''}`);
  return found;
}
