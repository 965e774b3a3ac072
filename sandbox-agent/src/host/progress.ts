// Progress lines for slow provisioning steps: "→ doing…" then "✓ done (2.1s)" or "✗ failed: why".
// A HostError's message is for the operator as it is (the CLI prints it without a stack trace).
export class HostError extends Error {}

export async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  process.stdout.write(`→ ${label}…\n`);
  try {
    const result = await fn();
    process.stdout.write(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
    return result;
  } catch (e) {
    process.stdout.write(`✗ ${label}\n`);
    throw e;
  }
}

export function info(line: string): void {
  process.stdout.write(`  ${line}\n`);
}
