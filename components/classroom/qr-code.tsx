// A QR code drawn from its dark modules (server/classrooms/join-qr.ts), with the quiet zone scanners need.

/** Modules per side, and one square per dark module in module units (server/classrooms/join-qr.ts). */
export interface QrPath {
  size: number;
  d: string;
}

const QUIET = 4;

export function QrCode({ qr, label, className }: { qr: QrPath; label: string; className?: string }) {
  const side = qr.size + 2 * QUIET;
  return (
    <svg
      viewBox={`${-QUIET} ${-QUIET} ${side} ${side}`}
      role="img"
      aria-label={label}
      className={className}
      shapeRendering="crispEdges"
      data-testid="join-qr"
    >
      <rect x={-QUIET} y={-QUIET} width={side} height={side} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
