import { spawn } from 'node:child_process';
import { HostError } from './progress.ts';

// Runs a program to completion; on failure the error names the command and shows its last output lines.
export async function sh(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.length > 1_000_000) out = out.slice(-500_000);
    });
    child.stderr.on('data', (d) => {
      out += d;
      if (out.length > 1_000_000) out = out.slice(-500_000);
    });
    child.on('error', (e) => reject(new HostError(`${cmd}: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else {
        reject(new HostError(`${cmd} ${args.join(' ')} failed (exit ${code}):\n${failureLines(out)}`));
      }
    });
    // The program may exit before reading its input; that is not our error.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

// The last lines of a failed program's output, after the first few earlier lines that say "error" (a build's
// error is often followed by pages of warnings, which would push it out of the tail).
function failureLines(out: string): string {
  const lines = out.trim().split('\n');
  const tail = lines.slice(-15);
  const earlier = lines
    .slice(0, -15)
    .filter((l) => /\berror\b/i.test(l))
    .slice(0, 10);
  return [...earlier, ...(earlier.length ? ['…'] : []), ...tail].join('\n');
}
