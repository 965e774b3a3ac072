// Berth's mark: a container resting at a berth. Inline SVG, no external asset.
export function BerthLogo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#1f5fbf" />
      <rect x="7" y="9" width="18" height="10" rx="1.5" fill="#fff" />
      <path d="M11 9v10M16 9v10M21 9v10" stroke="#1f5fbf" strokeWidth="1.5" />
      <path
        d="M5 23.5c2 0 2-1.5 4-1.5s2 1.5 4 1.5 2-1.5 4-1.5 2 1.5 4 1.5 2-1.5 4-1.5 2 1.5 2 1.5"
        fill="none"
        stroke="#a9c8f5"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
