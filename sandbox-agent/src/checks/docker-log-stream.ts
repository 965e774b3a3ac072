// A container's logs as the Engine API sends them. Without a TTY each frame is an 8-byte header
// (stream 1 = stdout, 2 = stderr; then a big-endian length) and its payload; with a TTY it is one raw stream.
export function demuxDockerLogs(raw: Buffer, tty: boolean): { stdout: string; stderr: string } {
  if (tty) return { stdout: raw.toString('utf8'), stderr: '' };
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let at = 0;
  while (at + 8 <= raw.length) {
    const stream = raw[at];
    const size = raw.readUInt32BE(at + 4);
    const payload = raw.subarray(at + 8, at + 8 + size);
    if (stream === 2) err.push(payload);
    else out.push(payload);
    at += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
