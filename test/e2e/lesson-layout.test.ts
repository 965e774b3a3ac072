import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeFixtureCourse } from '../../server/lessons/test-fixtures.ts';
import { guestCookie } from '../support/axe.ts';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchChromium, waitHydrated } from '../support/browser.ts';
import { waitConnected } from '../support/terminal-page.ts';

// The lesson layout in a real browser, on a fixture course (not the real one, which is being written):
// an exercise panel where its marker is, mid-text; the table of contents; labels on code not to be run;
// the catalog's progress after a real check passes in a real sandbox; and, with the web server in dev
// mode, an open lesson page that follows edits of its files (a broken edit shows its lint problem).

const LESSON = '/lessons/networking/demo';
const EXERCISE = 'networking/demo/make-net';

const lessonYaml = `title: { en: Demo, zh: 演示 }
summary: { en: A demo lesson, zh: 一个演示课程 }
minutes: 5
exercises:
  - id: make-net
    title: { en: Make a network, zh: 创建网络 }
    node: node1
    tasks:
      - id: net
        title: { en: Network my-net exists, zh: 网络 my-net 存在 }
        assert: { type: network_exists, name: my-net, driver: bridge }
        hint: { en: Create it with docker network create, zh: 用 docker network create 创建 }
    solution: |
      docker network create my-net
`;

const otherYaml = `title: { en: Other, zh: 其他 }
summary: { en: Another lesson, zh: 另一课 }
minutes: 5
exercises:
  - id: later
    title: { en: Later, zh: 以后 }
    node: node1
    tasks:
      - id: net
        title: { en: Network later exists, zh: 网络 later 存在 }
        assert: { type: network_exists, name: later }
        hint: { en: Create it, zh: 创建它 }
    solution: |
      docker network create later
`;

function prose(lang: 'en' | 'zh', edit = ''): string {
  const s = lang === 'en' ? ['First', 'Second', 'Third', 'Fourth'] : ['第一节', '第二节', '第三节', '第四节'];
  const filler = 'A paragraph long enough to make the page scroll, so a section can reach the top. '.repeat(
    8,
  );
  return `# ${lang === 'en' ? 'Demo' : '演示'}

Intro text. ${edit}

## ${s[0]}

A Dockerfile, to read:

\`\`\`dockerfile
FROM busybox
\`\`\`

A command not to run:

\`\`\`bash no-run
rm -rf /
\`\`\`

## ${s[1]}

Create the network:

\`\`\`bash
docker network create my-net
\`\`\`

Before the exercise.

::exercise{#make-net}

After the exercise.

## ${s[2]}

Some text.

${filler}

${filler}

## ${s[3]}

The end.

${filler}

${filler}

${filler}
`;
}

async function fixtureCourse() {
  const fixture = await makeFixtureCourse();
  await fixture.writeLesson({ 'lesson.yaml': lessonYaml, 'en.md': prose('en'), 'zh.md': prose('zh') });
  const chapter = path.join(fixture.dir, '06-networking');
  await writeFile(
    path.join(chapter, 'chapter.yaml'),
    'title: { en: Networking, zh: 网络 }\nsummary: { en: Networks, zh: 网络 }\nlessons: [demo, other]\n',
  );
  await mkdir(path.join(chapter, 'other'));
  await writeFile(path.join(chapter, 'other', 'lesson.yaml'), otherYaml);
  await writeFile(path.join(chapter, 'other', 'en.md'), 'Other.\n\n::exercise{#later}\n');
  await writeFile(path.join(chapter, 'other', 'zh.md'), '其他。\n\n::exercise{#later}\n');
  return { dir: fixture.dir, enFile: path.join(chapter, 'demo', 'en.md') };
}

// Where the paragraph saying `text` is against the element `selector`: -1 before it, 1 after it.
function paragraphVs(page: Page, text: string, selector: string): Promise<number> {
  return page.evaluate(
    ([words, sel]) => {
      const p = [...document.querySelectorAll('p')].find((x) => x.textContent === words)!;
      const pos = p.compareDocumentPosition(document.querySelector(sel!)!);
      return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    },
    [text, selector],
  );
}

describe('the lesson layout, on a fixture course', () => {
  let berth: RunningBerth;
  let browser: Browser;

  before(async () => {
    const course = await fixtureCourse();
    berth = await startBerth({ env: { BERTH_LESSONS_DIR: course.dir } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  async function open(width: number, name: string) {
    const ctx = await browser.newContext({ baseURL: berth.baseUrl, viewport: { width, height: 900 } });
    await ctx.addCookies([await guestCookie(berth.baseUrl, name)]);
    return { ctx, page: await ctx.newPage() };
  }

  test('the exercise panel is where its marker is, mid-text, beside the terminal on a wide screen', async () => {
    const { ctx, page } = await open(1440, 'Layout');
    for (const lang of ['en', 'zh'] as const) {
      await page.goto(`${LESSON}?lang=${lang}`);
      const panel = `[data-exercise="${EXERCISE}"]`;
      await page.locator(panel).waitFor();
      assert.equal(await page.locator(panel).count(), 1);
      assert.equal(await paragraphVs(page, 'Before the exercise.', panel), -1);
      assert.equal(await paragraphVs(page, 'After the exercise.', panel), 1);
      // The panel says where to type (the terminal beside it) and has its Check button.
      const where = lang === 'en' ? 'Do it in the terminal on the right' : '在右侧的终端';
      assert.ok(await page.getByText(where).isVisible());
      assert.ok(await page.getByTestId(`check-${EXERCISE}`).isVisible());
      const panelBox = (await page.locator(panel).boundingBox())!;
      const terminalBox = (await page.locator('#terminal-pane').boundingBox())!;
      assert.ok(panelBox.x + panelBox.width <= terminalBox.x, 'the panel is left of the terminal');
    }
    await ctx.close();
  });

  test('the table of contents links to each section and names the one being read', async () => {
    const { ctx, page } = await open(1440, 'Contents');
    await page.goto(`${LESSON}?lang=en`);
    const nav = page.getByRole('navigation', { name: 'On this page' });
    // Choosing a section closes the list once React has hydrated the links (it sets its props on them).
    await waitHydrated(page, '[data-testid="lesson-contents"] a');
    await nav.locator('summary').click();
    const links = nav.getByRole('link');
    assert.deepEqual(await links.allInnerTexts(), ['First', 'Second', 'Third', 'Fourth']);
    await nav.getByRole('link', { name: 'Third' }).click();
    await page.waitForFunction(() => location.hash === '#third');
    const top = await page.locator('h2#third').evaluate((h) => h.getBoundingClientRect().top);
    // Clear of the sticky header and contents bar, near the top of the screen.
    assert.ok(top > 56 + 40 && top < 250, `heading at ${top}px`);
    // The list closed on choosing; the bar names the section and the link is marked current.
    assert.equal(await nav.locator('details').getAttribute('open'), null);
    await nav.getByText('Third', { exact: true }).first().waitFor();
    assert.equal(await nav.locator('a[aria-current="location"]').textContent(), 'Third');
    // Still in view after scrolling further down.
    await page.locator('h2#fourth').scrollIntoViewIfNeeded();
    assert.ok(await nav.isVisible());
    await ctx.close();
  });

  test('code not meant to be run is labelled, in the page language, and has no Run button', async () => {
    const { ctx, page } = await open(1440, 'Labels');
    await page.goto(`${LESSON}?lang=en`);
    assert.equal(await page.getByRole('region', { name: 'Code: Dockerfile' }).count(), 1);
    assert.equal(await page.getByRole('region', { name: 'Code: Not for running' }).count(), 1);
    assert.ok(await page.locator('.code-kind', { hasText: 'Not for running' }).isVisible());
    assert.equal(await page.locator('[data-run-code="rm -rf /"]').count(), 0);
    assert.equal(await page.locator('[data-run-code="docker network create my-net"]').count(), 1);
    await page.goto(`${LESSON}?lang=zh`);
    assert.equal(await page.getByRole('region', { name: '代码: 仅供阅读，不要运行' }).count(), 1);
    await ctx.close();
  });

  test('the catalog shows progress per chapter and lesson once a check passes', async () => {
    const { ctx, page } = await open(1440, 'Progress');
    // Nothing checked yet: no progress shown; the chapter with lessons is not "coming soon".
    await page.goto('/?lang=en');
    await page.locator('[data-chapter="networking"] h3').waitFor();
    assert.equal(await page.getByTestId('lesson-progress').count(), 0);
    assert.equal(await page.locator('[data-chapter="networking"]').getByText('Coming soon').count(), 0);

    await page.goto(`${LESSON}?lang=en`);
    await waitConnected(page, { timeout: 120_000, logs: () => berth.logs() });
    await page.locator('[data-run-code="docker network create my-net"]').click();
    await page.locator('[data-testid="terminal"] .xterm-rows', { hasText: /[0-9a-f]{64}/ }).waitFor();
    await page.getByTestId(`check-${EXERCISE}`).click();
    await page.locator(`[data-testid="check-result-${EXERCISE}"][data-passed="true"]`).waitFor();

    await page.goto('/?lang=en');
    const chapter = page.locator('[data-chapter="networking"] [data-testid="chapter-progress"]');
    assert.equal(await chapter.getAttribute('data-state'), 'started');
    assert.match(await chapter.innerText(), /Started\s*1 of 2 exercises done/);
    const card = (id: string) => page.locator(`[data-lesson="${id}"] [data-testid="lesson-progress"]`);
    assert.equal(await card('networking/demo').getAttribute('data-state'), 'done');
    assert.match(await card('networking/demo').innerText(), /Done\s*1 of 1 exercises done/);
    assert.equal(await card('networking/other').getAttribute('data-state'), 'new');
    assert.match(await card('networking/other').innerText(), /Not started/);
    await page.goto('/?lang=zh');
    assert.match(await chapter.innerText(), /进行中\s*已完成 1\/2 个练习/);

    // Another learner (a guest with no progress) sees none.
    const other = await open(1440, 'Nobody');
    await other.page.goto('/?lang=en');
    await other.page.locator('[data-chapter="networking"] h3').waitFor();
    assert.equal(await other.page.getByTestId('chapter-progress').count(), 0);
    await other.ctx.close();
    await ctx.close();
  });

  test('production has no lesson events endpoint', async () => {
    for (const p of ['/api/dev/lesson-events', '/api/dev/lesson-reload']) {
      assert.equal((await fetch(`${berth.baseUrl}${p}`)).status, 404, p);
    }
    const html = await (await fetch(`${berth.baseUrl}${LESSON}`)).text();
    assert.doesNotMatch(html, /lesson-reload/);
  });
});

describe('dev mode: an open lesson page follows edits of its files', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let enFile: string;

  before(async () => {
    const course = await fixtureCourse();
    enFile = course.enFile;
    berth = await startBerth({ env: { BERTH_LESSONS_DIR: course.dir }, dev: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  test('an edit shows without a manual reload; a broken edit shows its lint problem, then recovers', async () => {
    const page = await browser.newPage({ baseURL: berth.baseUrl, viewport: { width: 1440, height: 900 } });
    // The first request compiles the page (dev mode).
    await page.goto(`${LESSON}?lang=en`, { timeout: 240_000 });
    await page.getByText('Intro text.').waitFor();
    // The page has subscribed once the events stream answers.
    await page.waitForFunction(
      () => (window as { berthLessonEvents?: EventSource }).berthLessonEvents?.readyState === 1,
    );

    await writeFile(enFile, prose('en', 'Edited while open.'));
    await page.getByText('Intro text. Edited while open.').waitFor({ timeout: 60_000 });

    await writeFile(enFile, prose('en').replace('::exercise{#make-net}', '::exercise{make-net}'));
    const problems = page.getByTestId('lesson-problems');
    await problems.waitFor({ timeout: 60_000 });
    assert.match(
      await problems.innerText(),
      /lessons\/06-networking\/demo\/en\.md:\d+:1: malformed exercise marker "::exercise\{make-net\}"/,
    );

    await writeFile(enFile, prose('en', 'Fixed.'));
    await page.getByText('Intro text. Fixed.').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator(`[data-exercise="${EXERCISE}"]`).count(), 1);
    await page.close();
  });
});
