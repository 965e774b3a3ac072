// The first regular file of a tar archive (what GET /containers/:id/archive?path=FILE answers), or
// undefined when the archive holds no regular file (e.g. the path is a directory).
export function tarFirstFile(tar: Buffer): Buffer | undefined {
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) return undefined;
    const size = Number.parseInt(
      header.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0',
      8,
    );
    const kind = String.fromCharCode(header[156] ?? 0);
    const body = at + 512;
    // '0' or NUL: a regular file. 'x'/'g' (pax headers), 'L' (long names) and the rest are skipped.
    if (kind === '0' || kind === '\0') return tar.subarray(body, body + size);
    at = body + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
