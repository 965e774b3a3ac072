// Monaco's language for a file, by its name: what a Docker course edits most, plain text otherwise.
const BY_EXTENSION: Record<string, string> = {
  dockerfile: 'dockerfile',
  sh: 'shell',
  bash: 'shell',
  yml: 'yaml',
  yaml: 'yaml',
  json: 'json',
  js: 'javascript',
  mjs: 'javascript',
  ts: 'typescript',
  py: 'python',
  go: 'go',
  md: 'markdown',
  html: 'html',
  css: 'css',
  conf: 'ini',
  ini: 'ini',
  toml: 'ini',
  sql: 'sql',
};

export function fileLanguage(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  // Dockerfile, Dockerfile.dev, prod.Dockerfile, Containerfile
  if (/^(Dockerfile|Containerfile)(\..*)?$/i.test(name) || /\.dockerfile$/i.test(name)) return 'dockerfile';
  const dot = name.lastIndexOf('.');
  return (dot > 0 && BY_EXTENSION[name.slice(dot + 1).toLowerCase()]) || 'plaintext';
}
