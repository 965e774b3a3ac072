import MarkdownIt from 'markdown-it';
import { EXERCISE_MARKER, exerciseSlot } from './exercise-markers.ts';
import type { Lang } from './lang.ts';

type Token = ReturnType<typeof md.parse>[number];

// Lesson prose → HTML. Content never carries raw HTML (html: false); shell code blocks get a "Run"
// button whose data-run-code the lesson page sends to the terminal (event delegation on [data-run-code]).

const runnableLangs = new Set(['bash', 'sh', 'shell', 'console']);

// The few words the renderer writes itself, in the prose's language. A code block may scroll sideways on
// a phone, so it is focusable (keyboard scrolling) and, being focusable, named.
const words: Record<
  Lang,
  { run: string; runLabel: string; code: string; noRun: string; output: string; table: string }
> = {
  en: {
    run: 'Run',
    runLabel: 'Run in terminal',
    code: 'Code',
    noRun: 'Not for running',
    output: 'Output',
    table: 'Table',
  },
  zh: {
    run: '运行',
    runLabel: '在终端中运行',
    code: '代码',
    noRun: '仅供阅读，不要运行',
    output: '输出',
    table: '表格',
  },
};

// What a block that is not run is, shown above it: "Dockerfile", "YAML", … (its fence language otherwise).
const kindNames: Record<string, string> = {
  dockerfile: 'Dockerfile',
  yaml: 'YAML',
  yml: 'YAML',
  json: 'JSON',
  toml: 'TOML',
  ini: 'INI',
  python: 'Python',
  py: 'Python',
  javascript: 'JavaScript',
  js: 'JavaScript',
  go: 'Go',
  html: 'HTML',
  nginx: 'nginx',
  conf: 'Config',
  diff: 'Diff',
  sql: 'SQL',
};

function kindOf(language: string, lang: Lang): string {
  if (language === 'text' || language === 'output' || language === 'plaintext') return words[lang].output;
  return kindNames[language] ?? language;
}

// renderMarkdown passes the prose's language in markdown-it's env.
function envLang(env: unknown): Lang {
  return (env as { lang?: Lang } | undefined)?.lang ?? 'en';
}

function pre(lang: Lang, label: string = words[lang].code): string {
  return `<pre tabindex="0" role="region" aria-label="${escapeAttribute(label)}">`;
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
const { escapeHtml, unescapeAll } = md.utils;

// A wide table scrolls sideways inside the prose column (a phone) instead of spilling out of it; the
// scrolling box is focusable so a keyboard can scroll it, and so it is named.
md.renderer.rules.table_open = (_tokens, _idx, _options, env) =>
  `<div class="table-scroll" tabindex="0" role="region" aria-label="${words[envLang(env)].table}"><table>\n`;
md.renderer.rules.table_close = () => '</table></div>\n';

md.core.ruler.push('heading_ids', (state) => {
  const used = new Set<string>();
  state.tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const inline = state.tokens[i + 1];
    const base = slugify(plainText(inline));
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    token.attrSet('id', id);
  });
});

// `::exercise{#id}` on its own line, at the top level (not in a list or quote), ends a paragraph and
// becomes the exercise's slot (exercise-markers.ts); lint reports markers that are malformed or misplaced.
md.block.ruler.before(
  'paragraph',
  'exercise_marker',
  (state, startLine, _endLine, silent) => {
    if (state.parentType !== 'root' && state.parentType !== 'paragraph') return false;
    if (state.sCount[startLine]! !== 0 || state.level !== 0) return false;
    const start = state.bMarks[startLine]! + state.tShift[startLine]!;
    const match = EXERCISE_MARKER.exec(state.src.slice(start, state.eMarks[startLine]));
    if (!match) return false;
    if (silent) return true;
    const token = state.push('exercise_marker', '', 0);
    token.meta = { id: match[1] };
    token.map = [startLine, startLine + 1];
    state.line = startLine + 1;
    return true;
  },
  { alt: ['paragraph'] },
);
md.renderer.rules.exercise_marker = (tokens, idx) => exerciseSlot((tokens[idx]!.meta as { id: string }).id);

const defaultCodeBlock = md.renderer.rules.code_block!;
md.renderer.rules.code_block = (tokens, idx, options, env, self) =>
  defaultCodeBlock(tokens, idx, options, env, self).replace(/^<pre>/, pre(envLang(env)));

const defaultFence = md.renderer.rules.fence!;
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const proseLang = envLang(env);
  const info = token.info ? unescapeAll(token.info).trim() : '';
  const [lang = '', ...flags] = info.split(/\s+/);
  const language = lang.toLowerCase();
  // Code that is not run says what it is; `bash no-run` (a file's content, say) says not to run it.
  if (!runnableLangs.has(language) || flags.includes('no-run')) {
    const plain = defaultFence(tokens, idx, options, env, self);
    if (!language) return plain.replace(/^<pre>/, pre(proseLang));
    const kind = runnableLangs.has(language) ? words[proseLang].noRun : kindOf(language, proseLang);
    const labelled = plain.replace(/^<pre>/, pre(proseLang, `${words[proseLang].code}: ${kind}`));
    const noRun = runnableLangs.has(language) ? ' code-kind-no-run' : '';
    return `<div class="code-block"><span class="code-kind${noRun}" aria-hidden="true">${escapeHtml(kind)}</span>${labelled}</div>\n`;
  }
  const run = commandsToRun(token.content);
  const code = `${pre(proseLang)}<code class="language-${language}">${escapeHtml(token.content)}</code></pre>`;
  if (!run) return `${code}\n`;
  const w = words[proseLang];
  return (
    `<div class="code-block" data-runnable="true">${code}` +
    `<button type="button" class="run-code" data-run-code="${escapeAttribute(run)}" aria-label="${escapeAttribute(`${w.runLabel}: ${run}`)}">${w.run} <span aria-hidden="true">▶</span></button>` +
    '</div>\n'
  );
};

/** `lang` is the prose's language: the words the renderer adds (Run, Code) follow it. */
export function renderMarkdown(source: string, lang: Lang = 'en'): string {
  return md.render(source, { lang });
}

export interface ProseSection {
  /** The heading's id in the rendered HTML. */
  readonly id: string;
  readonly title: string;
}

/** The HTML and the `##` sections (for a table of contents) of one language's prose. */
export function renderProse(source: string, lang: Lang): { html: string; sections: ProseSection[] } {
  const env = { lang };
  const tokens = md.parse(source, env);
  const sections = tokens.flatMap((token, i) =>
    token.type === 'heading_open' && token.tag === 'h2'
      ? [{ id: String(token.attrGet('id') ?? ''), title: plainText(tokens[i + 1]) }]
      : [],
  );
  return { html: md.renderer.render(tokens, md.options, env), sections };
}

// A heading's words without markup (its inline token's text and code).
function plainText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');
}

// What the Run button types. In a block that shows prompts (`$ cmd`), only the prompted lines (and
// their `\` continuations) are commands — the other lines are sample output and are left out.
export function commandsToRun(content: string): string {
  const lines = content.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  if (!lines.some((line) => line.startsWith('$ '))) return lines.join('\n').trim();
  const commands: string[] = [];
  let continued = false;
  for (const line of lines) {
    if (line.startsWith('$ ')) commands.push(line.slice(2));
    else if (continued) commands.push(line.replace(/^> /, ''));
    else continue;
    continued = line.endsWith('\\');
  }
  return commands.join('\n').trim();
}

// Safe in a double-quoted attribute; newlines as character references so they survive any parser.
function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/'/g, '&#39;').replace(/\n/g, '&#10;');
}

// Heading text → id. Keeps letters of every script (Chinese headings get Chinese ids).
function slugify(text: string): string {
  const slug = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || 'section';
}
