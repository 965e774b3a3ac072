import MarkdownIt from 'markdown-it';

// Lesson prose → HTML. Content never carries raw HTML (html: false); shell code blocks get a "Run"
// button whose data-run-code the lesson page sends to the terminal (event delegation on [data-run-code]).

const runnableLangs = new Set(['bash', 'sh', 'shell', 'console']);

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
const { escapeHtml, unescapeAll } = md.utils;

md.core.ruler.push('heading_ids', (state) => {
  const used = new Set<string>();
  state.tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const inline = state.tokens[i + 1];
    const text = (inline?.children ?? [])
      .filter((child) => child.type === 'text' || child.type === 'code_inline')
      .map((child) => child.content)
      .join('');
    const base = slugify(text);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    token.attrSet('id', id);
  });
});

const defaultFence = md.renderer.rules.fence!;
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const info = token.info ? unescapeAll(token.info).trim() : '';
  const [lang = '', ...flags] = info.split(/\s+/);
  const language = lang.toLowerCase();
  // `bash no-run` shows a shell snippet that must not be sent to the terminal (a file's content, say).
  if (!runnableLangs.has(language) || flags.includes('no-run')) {
    return defaultFence(tokens, idx, options, env, self);
  }
  const run = commandsToRun(token.content);
  const code = `<pre><code class="language-${language}">${escapeHtml(token.content)}</code></pre>`;
  if (!run) return `${code}\n`;
  return (
    `<div class="code-block" data-runnable="true">${code}` +
    `<button type="button" class="run-code" data-run-code="${escapeAttribute(run)}" aria-label="Run in terminal">Run ▶</button>` +
    '</div>\n'
  );
};

export function renderMarkdown(source: string): string {
  return md.render(source);
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
