import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { guestCookie, seriousAxeViolations } from '../support/axe.ts';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchChromium, waitHydrated } from '../support/browser.ts';
import { FAKE_EXERCISE, type Fake, fakeBerthApi } from '../support/fake-berth-api.ts';
import { recordPassedCheck } from '../support/record-check.ts';

// axe-core on every page and state, in both languages, at desktop and phone sizes: no serious or critical
// violation anywhere. The pages and the session are real; the sandbox API and terminal are faked in the
// browser (test/support/fake-berth-api.ts) so every state is reached without a sandbox engine doing it.
const LESSON = '/lessons/networking/container-links';
const SIZES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 }, isMobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
];

type Reach = (page: Page, lang: 'en' | 'zh') => Promise<void>;
const ready = (page: Page) =>
  page.getByTestId('terminal').and(page.locator('[data-connection="connected"]')).waitFor();

const STATES: {
  name: string;
  signedIn: boolean;
  /** The learner has passed an exercise (the catalog then shows progress). */
  progress?: boolean;
  fake?: Partial<Fake>;
  reach: Reach;
}[] = [
  {
    name: 'home',
    signedIn: true,
    progress: true,
    reach: async (page, lang) => {
      await page.goto(`/?lang=${lang}`);
      await page.getByTestId('lesson-progress').first().waitFor();
    },
  },
  {
    name: 'lesson before sign-in',
    signedIn: false,
    reach: async (page, lang) => {
      await page.goto(`${LESSON}?lang=${lang}`);
      await page.locator('form input[name="name"]').waitFor();
    },
  },
  {
    name: 'lesson, name of only spaces refused',
    signedIn: false,
    reach: async (page, lang) => {
      await page.goto(`${LESSON}?lang=${lang}`);
      // Before hydration the button would submit the bare HTML form, which shows no alert.
      await waitHydrated(page, 'form:has(input[name="name"]) button[type="submit"]');
      await page.locator('form input[name="name"]').fill('   ');
      await page.locator('form:has(input[name="name"]) button[type="submit"]').click();
      await page.locator('form [role="alert"]').waitFor();
    },
  },
  {
    name: 'lesson with a ready sandbox',
    signedIn: true,
    reach: async (page, lang) => {
      await page.goto(`${LESSON}?lang=${lang}`);
      await ready(page);
      await page.getByTestId('port-link-node1-8080').waitFor();
    },
  },
  {
    name: 'a check result',
    signedIn: true,
    fake: { check: 'fail' },
    reach: async (page, lang) => {
      await page.goto(`${LESSON}?lang=${lang}`);
      await ready(page);
      await page.getByTestId(`check-${FAKE_EXERCISE}`).click();
      await page.locator(`[data-testid="check-result-${FAKE_EXERCISE}"][data-passed="false"]`).waitFor();
    },
  },
  {
    name: 'the editor open on a folder, then a file',
    signedIn: true,
    fake: { files: new Map([['/root/Dockerfile', 'FROM busybox\n']]) },
    reach: async (page, lang) => {
      await page.goto(`${LESSON}?lang=${lang}`);
      await ready(page);
      await page.getByTestId('editor-toggle').click();
      await page.getByRole('button', { name: 'Dockerfile' }).click();
      await page.getByTestId('editor').locator('.monaco-editor').waitFor();
      await page.locator('[data-testid="editor-status"][data-state="saved"]').waitFor();
    },
  },
  {
    name: 'out of capacity',
    signedIn: true,
    fake: { sandbox: 'capacity' },
    reach: async (page, lang) => {
      await page.goto(`${LESSON}?lang=${lang}`);
      await page.locator('[data-phase="capacity"] h2').waitFor();
    },
  },
  {
    name: 'failed',
    signedIn: true,
    fake: { sandbox: 'failed' },
    reach: async (page, lang) => {
      await page.goto(`${LESSON}?lang=${lang}`);
      await page.locator('[data-phase="failed"] h2').waitFor();
    },
  },
  {
    name: 'gone',
    signedIn: true,
    fake: { wsError: 'not_found' },
    reach: async (page, lang) => {
      await page.goto(`${LESSON}?lang=${lang}`);
      await page.locator('[data-phase="gone"] h2').waitFor();
    },
  },
  {
    name: 'the keep-or-start-fresh question',
    signedIn: true,
    fake: { conflict: { reusable: true, lessonId: 'networking/two-hosts' } },
    reach: async (page, lang) => {
      await page.goto(`${LESSON}?lang=${lang}`);
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'idle after Stop',
    signedIn: true,
    reach: async (page, lang) => {
      await page.goto(`/?lang=${lang}`);
      await page.evaluate(() => localStorage.setItem('berth.sandbox-stopped', '1'));
      await page.goto(`${LESSON}?lang=${lang}`);
      await page.locator('[data-phase="idle"] h2').waitFor();
    },
  },
  {
    name: '404',
    signedIn: true,
    reach: async (page, lang) => {
      const res = await page.goto(`/lessons/nope/nothing?lang=${lang}`);
      assert.equal(res?.status(), 404);
    },
  },
];

describe('axe-core finds no serious or critical violation on any page or state', () => {
  let berth: RunningBerth;
  let browser: Browser;

  before(async () => {
    berth = await startBerth();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  for (const size of SIZES) {
    for (const lang of ['en', 'zh'] as const) {
      test(`${size.name}, ${lang}`, async () => {
        const found: string[] = [];
        for (const state of STATES) {
          const ctx: BrowserContext = await browser.newContext({
            baseURL: berth.baseUrl,
            viewport: size.viewport,
            isMobile: size.isMobile,
            hasTouch: size.isMobile,
          });
          try {
            if (state.signedIn) {
              const cookie = await guestCookie(berth.baseUrl, 'Axe');
              await ctx.addCookies([cookie]);
              if (state.progress) await recordPassedCheck(berth, cookie.value, FAKE_EXERCISE);
            }
            const page = await ctx.newPage();
            await fakeBerthApi(page, { signedIn: state.signedIn, sandbox: 'ready', ...state.fake });
            await state.reach(page, lang);
            await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 5000 });
            for (const v of await seriousAxeViolations(page))
              found.push(`${state.name}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`);
          } finally {
            await ctx.close();
          }
        }
        assert.deepEqual(found, []);
      });
    }
  }
});
