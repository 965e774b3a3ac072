import { BerthError } from '../../../contract/errors.ts';
import type { NodeEntry, NodeFileListing } from '../../../contract/node-files.ts';
import type { Engine } from '../docker/engine.ts';
import { checkNodePath } from './node-file-path.ts';

// Files on a node for the editor. Everything runs as an exec inside the node, so a written file is
// owned by the node's root (under userns-remap that is uid 100000 outside) exactly as if the learner
// had typed it, and paths resolve in the node's own filesystem and mounts.

export const MAX_FILE_BYTES = 1024 * 1024;
const EXEC_TIMEOUT_MS = 15_000;

// $1 = path, $2 = size limit. First line says what the path is; a file's bytes or a directory's
// NUL-separated "type<TAB>size<TAB>name" entries follow.
const READ_SCRIPT = `p=$1
if [ -d "$p" ]; then printf 'directory\\n'; exec find "$p" -mindepth 1 -maxdepth 1 -printf '%y\\t%s\\t%f\\0'
elif [ -f "$p" ]; then s=$(stat -L -c %s -- "$p") || exit 1; printf 'file %s\\n' "$s"; [ "$s" -gt "$2" ] && exit 0; exec cat -- "$p"
elif [ -e "$p" ]; then printf 'other\\n'
else printf 'missing\\n'; fi`;

// $1 = path; content on stdin. Parent directories are created like `mkdir -p`.
const WRITE_SCRIPT = `p=$1
if [ -d "$p" ]; then echo "$p is a directory" >&2; exit 21; fi
mkdir -p -- "$(dirname -- "$p")" && cat > "$p"`;

const ENTRY_TYPES: Record<string, NodeEntry['type']> = { f: 'file', d: 'directory', l: 'symlink' };

export async function readNodePath(
  engine: Engine,
  containerId: string,
  rawPath: string,
): Promise<NodeFileListing> {
  const path = checkNodePath(rawPath);
  const res = await engine.exec(containerId, ['sh', '-c', READ_SCRIPT, 'sh', path, String(MAX_FILE_BYTES)], {
    timeoutMs: EXEC_TIMEOUT_MS,
    maxOutputBytes: MAX_FILE_BYTES + 4096,
  });
  if (res.timedOut) throw new BerthError('timeout', `Reading ${path} took too long.`);
  const nl = res.output.indexOf('\n');
  const head = nl < 0 ? res.output : res.output.slice(0, nl);
  const rest = nl < 0 ? '' : res.output.slice(nl + 1);
  if (res.exitCode !== 0)
    throw new BerthError('internal', `Could not read ${path}: ${res.output.trim().slice(0, 300)}`);
  if (head === 'missing') throw new BerthError('not_found', `${path} does not exist on this node.`);
  if (head === 'other')
    throw new BerthError('validation_failed', `${path} is neither a file nor a directory.`);
  if (head === 'directory') {
    const entries = rest
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const [type = '', size = '0', ...name] = line.split('\t');
        return { name: name.join('\t'), type: ENTRY_TYPES[type] ?? 'other', size: Number(size) || 0 };
      })
      .sort(
        (a, b) =>
          Number(b.type === 'directory') - Number(a.type === 'directory') || a.name.localeCompare(b.name),
      );
    return { path, type: 'directory', entries };
  }
  const size = Number(head.replace(/^file /, ''));
  if (size > MAX_FILE_BYTES) {
    throw new BerthError(
      'payload_too_large',
      `${path} is ${size} bytes; the editor opens files up to 1 MiB.`,
    );
  }
  if (res.truncated) throw new BerthError('payload_too_large', `${path} grew past 1 MiB while being read.`);
  // A NUL byte means binary: shown as text and saved back, it would be corrupted.
  if (rest.includes('\0')) throw new BerthError('validation_failed', `${path} is a binary file, not text.`);
  return { path, type: 'file', content: rest, size };
}

export async function writeNodeFile(
  engine: Engine,
  containerId: string,
  rawPath: string,
  content: string,
): Promise<{ path: string; size: number }> {
  const path = checkNodePath(rawPath);
  const size = Buffer.byteLength(content, 'utf8');
  if (size > MAX_FILE_BYTES) {
    throw new BerthError(
      'payload_too_large',
      `The file is ${size} bytes; the editor saves files up to 1 MiB.`,
    );
  }
  const res = await engine.exec(containerId, ['sh', '-c', WRITE_SCRIPT, 'sh', path], {
    timeoutMs: EXEC_TIMEOUT_MS,
    stdin: content,
  });
  if (res.timedOut) throw new BerthError('timeout', `Saving ${path} took too long.`);
  if (res.exitCode === 21) throw new BerthError('validation_failed', `${path} is a directory.`);
  if (res.exitCode !== 0) {
    throw new BerthError(
      'conflict',
      `Could not save ${path}: ${res.output.trim().slice(0, 300) || 'write failed'}`,
    );
  }
  return { path, size };
}
