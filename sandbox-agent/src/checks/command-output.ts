// The words worth showing from a command's output.

export function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}

// curl's own words ("Failed to connect to node1 port 8080: Connection refused"), without the "curl: (7)" prefix.
export function curlError(output: string): string {
  const line = output
    .split('\n')
    .find((l) => l.startsWith('curl: ('))
    ?.replace(/^curl: \(\d+\)\s*/, '');
  return (line ?? lastLine(output)).slice(0, 300) || 'no answer.';
}
