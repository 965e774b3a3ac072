import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitAtExerciseSlots } from './exercise-markers.ts';
import { commandsToRun, renderMarkdown, renderProse } from './render-markdown.ts';

// Only known-harmless elements and attributes, and no script URLs: a hostile lesson can't run code.
const allowedTags = new Set(
  'p h1 h2 h3 h4 h5 h6 a strong em code pre ul ol li table thead tbody tr th td blockquote hr br s div button span'.split(
    ' ',
  ),
);
const allowedAttributes = new Set([
  'id',
  'class',
  'href',
  'title',
  'style',
  'type',
  'aria-label',
  'aria-hidden',
  'tabindex',
  'role',
  'data-runnable',
  'data-run-code',
  'data-exercise-slot',
  'start',
]);

function assertInert(html: string): void {
  for (const tag of html.match(/<\/?[a-z][^>]*>/gi) ?? []) {
    const [, name = '', rest = ''] = /^<\/?([a-z0-9]+)(.*)>$/is.exec(tag) ?? [];
    assert.ok(allowedTags.has(name.toLowerCase()), `unexpected element in ${tag}`);
    // Attribute values are quoted and escaped; what remains outside quotes are the attribute names.
    for (const attribute of rest.replace(/"[^"]*"/g, '').match(/[^\s=]+/g) ?? []) {
      assert.ok(
        allowedAttributes.has(attribute.toLowerCase()),
        `unexpected attribute ${attribute} in ${tag}`,
      );
    }
    assert.doesNotMatch(tag, /href="\s*(javascript|vbscript|data):/i);
  }
}

describe('renderMarkdown', () => {
  it('renders prose, tables and links (linkified)', () => {
    const html = renderMarkdown(
      'Hello **world**, see https://docs.docker.com/network/\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    );
    assert.match(html, /<strong>world<\/strong>/);
    assert.match(
      html,
      /<a href="https:\/\/docs\.docker\.com\/network\/">https:\/\/docs\.docker\.com\/network\/<\/a>/,
    );
    assert.match(html, /<table>/);
  });

  it('gives headings unique ids, in any script', () => {
    const html = renderMarkdown(
      '## Why containers need networks\n\n## 默认桥接网络\n\n## The `--link` flag\n\n## Setup\n\n## Setup\n',
    );
    assert.match(html, /<h2 id="why-containers-need-networks">/);
    assert.match(html, /<h2 id="默认桥接网络">/);
    assert.match(html, /<h2 id="the-link-flag">/);
    assert.match(html, /<h2 id="setup">Setup<\/h2>\n<h2 id="setup-2">/);
  });

  it('adds a Run button to shell blocks, with the exact markup the page expects', () => {
    const html = renderMarkdown('```bash\ndocker network create -d bridge my-net\n```\n');
    assert.equal(
      html,
      '<div class="code-block" data-runnable="true"><pre tabindex="0" role="region" aria-label="Code"><code class="language-bash">docker network create -d bridge my-net\n</code></pre>' +
        '<button type="button" class="run-code" data-run-code="docker network create -d bridge my-net" aria-label="Run in terminal: docker network create -d bridge my-net">Run <span aria-hidden="true">▶</span></button></div>\n',
    );
    const zh = renderMarkdown('```bash\nls\n```\n\n```yaml\na: 1\n```\n', 'zh');
    assert.match(zh, /aria-label="在终端中运行: ls">运行 <span aria-hidden="true">▶<\/span>/);
    assert.match(zh, /<pre tabindex="0" role="region" aria-label="代码: YAML"><code class="language-yaml">/);
    for (const lang of ['sh', 'shell', 'console', 'BASH']) {
      assert.match(renderMarkdown(`\`\`\`${lang}\nls\n\`\`\`\n`), /data-run-code="ls"/, lang);
    }
  });

  it('labels code that is not run with its kind, and shell blocks marked no-run as not for running', () => {
    const cases: [string, string, string][] = [
      ['```text\nPING busybox2\n```\n', 'Output', 'language-text'],
      ['```dockerfile\nFROM nginx\n```\n', 'Dockerfile', 'language-dockerfile'],
      ['```yaml\na: 1\n```\n', 'YAML', 'language-yaml'],
      ['```toml\na = 1\n```\n', 'TOML', 'language-toml'],
      ['```bash no-run\nls\n```\n', 'Not for running', 'language-bash'],
    ];
    for (const [source, kind, language] of cases) {
      const html = renderMarkdown(source);
      assertInert(html);
      assert.doesNotMatch(html, /run-code|data-runnable/, source);
      assert.match(
        html,
        new RegExp(
          `^<div class="code-block"><span class="code-kind[^"]*" aria-hidden="true">${kind}</span>` +
            `<pre tabindex="0" role="region" aria-label="Code: ${kind}"><code class="${language}">`,
        ),
        source,
      );
    }
    assert.match(renderMarkdown('```bash no-run\nls\n```\n'), /class="code-kind code-kind-no-run"/);
    const zh = renderMarkdown('```bash no-run\nls\n```\n\n```text\nok\n```\n', 'zh');
    assert.match(
      zh,
      /aria-hidden="true">仅供阅读，不要运行<\/span><pre [^>]*aria-label="代码: 仅供阅读，不要运行">/,
    );
    assert.match(zh, />输出<\/span>/);
    // Blocks with no language (lint reports them) and indented code stay plain.
    for (const source of ['```\nls\n```\n', '    ls\n']) {
      assert.match(renderMarkdown(source), /^<pre tabindex="0" role="region" aria-label="Code"><code[^>]*>/);
    }
  });

  it('keeps several commands, as newlines, in data-run-code', () => {
    const html = renderMarkdown('```bash\ndocker rm -f busybox1 busybox2\ndocker network rm my-net\n```\n');
    assert.match(html, /data-run-code="docker rm -f busybox1 busybox2&#10;docker network rm my-net"/);
  });

  it('strips "$ " prompts and leaves sample output out of data-run-code', () => {
    const html = renderMarkdown(
      '```console\n$ docker network ls\nNETWORK ID   NAME\n$ docker ps \\\n> -a\n```\n',
    );
    // Shown as written…
    assert.match(html, /<code class="language-console">\$ docker network ls\nNETWORK ID {3}NAME\n/);
    // …run without prompts or output.
    assert.match(html, /data-run-code="docker network ls&#10;docker ps \\&#10;-a"/);
    assert.equal(commandsToRun('$ echo hi\nhi\n'), 'echo hi');
    assert.equal(commandsToRun('echo one\necho two\n\n'), 'echo one\necho two');
  });

  it('escapes HTML in prose: content cannot inject markup', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\nText <b onclick="x()">bold</b> & more\n',
    );
    assertInert(html);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /&amp; more/);
  });

  it('refuses dangerous link targets', () => {
    const html = renderMarkdown(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(1)>\n\n![x](javascript:alert(1))\n',
    );
    assertInert(html);
    assert.doesNotMatch(html, /href="javascript/i);
  });

  it('escapes code, the run command attribute and heading ids', () => {
    const evil = `echo "><img src=x onerror=alert(1)> '&' </code></pre><script>alert(2)</script>`;
    const html = renderMarkdown(`## <img src=x onerror=alert(1)>"\n\n\`\`\`bash\n${evil}\n\`\`\`\n`);
    assertInert(html);
    assert.match(
      html,
      /data-run-code="echo &quot;&gt;&lt;img src=x onerror=alert\(1\)&gt; &#39;&amp;&#39; &lt;\/code&gt;&lt;\/pre&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;"/,
    );
    assert.match(html, /<code class="language-bash">echo &quot;&gt;&lt;img/);
    // The attribute closes exactly once, right where the button's next attribute starts.
    assert.equal(html.match(/data-run-code="[^"]*"/g)?.length, 1);
    assert.match(html, /&lt;\/script&gt;" aria-label="Run in terminal: echo &quot;&gt;&lt;img/);
  });

  it('escapes a hostile fence info string', () => {
    const html = renderMarkdown(
      '```bash" onmouseover="alert(1)\nls\n```\n\n```"><script>x</script>\nls\n```\n',
    );
    assertInert(html);
    assert.doesNotMatch(html, /run-code/);
  });

  it('wraps a table in a focusable, named box that scrolls sideways', () => {
    const table = '| Driver | What |\n| --- | --- |\n| `bridge` | one host |\n';
    assert.match(
      renderMarkdown(table),
      /^<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>[\s\S]*<\/table><\/div>\n$/,
    );
    assert.match(renderMarkdown(table, 'zh'), /aria-label="表格"/);
  });
});

describe('renderProse', () => {
  it('lists the ## sections with their heading ids, in the prose language', () => {
    const { html, sections } = renderProse(
      '# Title\n\n## Why `docker`?\n\n### Detail\n\n## 默认网络\n\n## Why `docker`?\n',
      'zh',
    );
    assert.deepEqual(sections, [
      { id: 'why-docker', title: 'Why docker?' },
      { id: '默认网络', title: '默认网络' },
      { id: 'why-docker-2', title: 'Why docker?' },
    ]);
    assert.match(html, /<h2 id="why-docker-2">/);
  });
});

describe('exercise markers', () => {
  it('turn into slots at the top level, in reading order, even right after a paragraph line', () => {
    const html = renderMarkdown('Intro.\n::exercise{#run-hello}\n\n## Next\n\n::exercise{#quiz}\n');
    assert.match(
      html,
      /^<p>Intro\.<\/p>\n<div class="exercise-slot" data-exercise-slot="run-hello"><\/div>\n<h2 id="next">/,
    );
    assert.deepEqual(splitAtExerciseSlots(html), [
      { kind: 'html', html: '<p>Intro.</p>\n' },
      { kind: 'exercise', id: 'run-hello' },
      { kind: 'html', html: '<h2 id="next">Next</h2>\n' },
      { kind: 'exercise', id: 'quiz' },
    ]);
  });

  it('stay text inside lists, quotes and code, and when malformed (lint reports those)', () => {
    const html = renderMarkdown(
      '- item\n  ::exercise{#a}\n\n> ::exercise{#b}\n\n```text\n::exercise{#c}\n```\n\n::exercise{d}\n',
    );
    assert.doesNotMatch(html, /exercise-slot/);
    assert.equal(splitAtExerciseSlots(html).length, 1);
  });
});
