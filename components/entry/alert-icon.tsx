// A warning mark before an error message; decorative (the message says it all).
export function AlertIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M8 4.5v4.2" stroke="#fff" strokeWidth={1.8} strokeLinecap="round" />
      <circle cx="8" cy="11.3" r="1" fill="#fff" />
    </svg>
  );
}
