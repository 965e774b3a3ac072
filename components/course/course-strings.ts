import type { Lang } from '../i18n/lang';

// The course page's words (welcome, chapters, progress, Continue) in both languages: apart from
// ../i18n/strings.ts, whose dictionary every page's scripts carry, so the lesson page's first load does not.
const en = {
  homeTitle: 'Learn Docker by doing it',
  homeIntro:
    'Every lesson opens a terminal into your own sandbox: a real Linux host with its own Docker engine. Read a little, try it for real, then press Check to see if you got it.',
  homeHowTitle: 'How it works',
  startFirstLesson: 'Start the first lesson',
  homeHow: ['Pick a lesson', 'Run real Docker commands', 'Check your work'],
  chapters: 'Chapters',
  chapterLabel: (n: number) => `Chapter ${n}`,
  comingSoon: 'Coming soon',
  minutes: (n: number) => `${n} min`,
  exerciseCount: (n: number) => (n === 1 ? '1 exercise' : `${n} exercises`),
  exercisesDone: (done: number, total: number) => `${done} of ${total} exercises done`,
  lessonDone: 'Done',
  progressStarted: 'Started',
  progressNew: 'Not started',
  continueLesson: (title: string) => `Continue: ${title}`,
  availableNow: 'Lessons you can do now',
};

export type CourseStrings = typeof en;

const zh: CourseStrings = {
  homeTitle: '动手学 Docker',
  homeIntro:
    '每一课都会打开一个连到你自己沙箱的终端：一台真实的 Linux 主机，带着它自己的 Docker 引擎。读一点，亲手试一试，再点“检查”看看是否完成。',
  homeHowTitle: '怎么学',
  startFirstLesson: '从第一课开始',
  homeHow: ['选一课', '运行真实的 Docker 命令', '检查你的结果'],
  chapters: '章节',
  chapterLabel: (n) => `第 ${n} 章`,
  comingSoon: '即将推出',
  minutes: (n) => `${n} 分钟`,
  exerciseCount: (n) => `${n} 个练习`,
  exercisesDone: (done, total) => `已完成 ${done}/${total} 个练习`,
  lessonDone: '已完成',
  progressStarted: '进行中',
  progressNew: '未开始',
  continueLesson: (title) => `继续学习：${title}`,
  availableNow: '现在就能学的课程',
};

const dictionaries: Record<Lang, CourseStrings> = { en, zh };

export function courseStringsFor(lang: Lang): CourseStrings {
  return dictionaries[lang];
}
