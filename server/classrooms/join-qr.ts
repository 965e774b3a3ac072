import QRCode from 'qrcode';

// The join link as a QR code a phone camera opens, drawn on the server: the `qrcode` package encodes (it
// picks the version and mask; error correction M survives a projector's glare), and the page draws the dark
// modules as one SVG path, so no script, image request or innerHTML is involved.
export interface QrPath {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** One `M x y h1 v1 h-1 z` square per dark module, in module units. */
  d: string;
}

export function joinQrPath(link: string): QrPath {
  const { modules } = QRCode.create(link, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let y = 0; y < modules.size; y++)
    for (let x = 0; x < modules.size; x++) if (modules.get(x, y)) parts.push(`M${x} ${y}h1v1h-1z`);
  return { size: modules.size, d: parts.join('') };
}
