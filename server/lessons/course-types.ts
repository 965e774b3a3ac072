import type { AnswerMatch, AnswerSource } from '../../contract/answers.ts';
import type { Assertion } from '../../contract/checks.ts';
import type { Lang, LocalizedText } from './lang.ts';

// The validated, in-memory course that loadCourse() returns. Ids are the public ones (contract/ids.ts):
// chapter `networking`, lesson `networking/container-links`, exercise `networking/container-links/ping-by-name`.

interface TaskBase {
  readonly id: string;
  /** For an answer task: the question. */
  readonly title: LocalizedText;
  /** Shown to the learner when this task fails. */
  readonly hint: LocalizedText;
}

/** A check of the sandbox, run by the agent. */
export interface AssertTaskDef extends TaskBase {
  readonly assert: Assertion;
  readonly answer?: undefined;
}

/** A question the learner answers. */
export interface AnswerTaskDef extends TaskBase {
  readonly answer: AnswerDef;
  readonly assert?: undefined;
}

export type TaskDef = AssertTaskDef | AnswerTaskDef;

export interface ChoiceDef {
  readonly id: string;
  readonly label: LocalizedText;
}

/** Multiple choice (`correct` lists the right ids), a typed value, or a value read from the live sandbox. */
export type AnswerDef =
  | { readonly kind: 'choice'; readonly choices: readonly ChoiceDef[]; readonly correct: readonly string[] }
  | { readonly kind: 'value'; readonly value: string; readonly match: AnswerMatch }
  | { readonly kind: 'live'; readonly from: AnswerSource };

export interface ExerciseDef {
  /** Full id: `chapter/lesson/exercise`. */
  readonly id: string;
  readonly lessonId: string;
  readonly title: LocalizedText;
  /** The node whose terminal the exercise uses and where `solution` runs. */
  readonly node: string;
  /** Every node of the lesson's sandbox, e.g. ['node1', 'node2']. */
  readonly nodes: readonly string[];
  readonly tasks: readonly TaskDef[];
  readonly hints: readonly LocalizedText[];
  /** Every task is a static answer: checked without a sandbox, and it has no solution. */
  readonly pureQuiz: boolean;
  /** Reference solution, a bash script run on `node`; absent only for a pure quiz. */
  readonly solution?: string;
}

export interface LessonDef {
  /** `chapter/lesson` */
  readonly id: string;
  readonly chapterId: string;
  readonly title: LocalizedText;
  readonly summary: LocalizedText;
  readonly minutes: number;
  readonly nodes: readonly string[];
  /** Where the file editor opens (lesson.yaml `editor.path`, default /root). */
  readonly editorPath: string;
  /** Rendered prose per language (from en.md / zh.md). */
  readonly html: Readonly<Record<Lang, string>>;
  /** The `##` sections of the prose per language (heading id and text). */
  readonly sections: Readonly<Record<Lang, readonly { id: string; title: string }[]>>;
  readonly exercises: readonly ExerciseDef[];
}

export interface ChapterDef {
  readonly id: string;
  /** Folder name, e.g. `06-networking`. */
  readonly folder: string;
  readonly title: LocalizedText;
  readonly summary: LocalizedText;
  /** Full lesson ids in catalog order. */
  readonly lessonIds: readonly string[];
}

export interface Course {
  readonly dir: string;
  readonly chapters: readonly ChapterDef[];
  readonly lessons: ReadonlyMap<string, LessonDef>;
  readonly exercises: ReadonlyMap<string, ExerciseDef>;
}
