// The classroom's icons, on the dashboard and in the learner's widgets; decorative like every Berth icon (the text
// beside them says it).
import { Icon } from '../ui/icons';

export function HandIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M5 8.5V3.5a1 1 0 0 1 2 0V8M7 7.5V2.5a1 1 0 0 1 2 0V8M9 7.5V3.5a1 1 0 0 1 2 0V9" />
      <path d="M11 6.5a1 1 0 0 1 2 0V10a4.5 4.5 0 0 1-4.5 4.5h-.3A4 4 0 0 1 5 12.6L3.2 9.8a1 1 0 0 1 1.6-1.2L5 9" />
    </Icon>
  );
}

export function PauseIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M6 4v8M10 4v8" />
    </Icon>
  );
}

export function AlertIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M8 2.5l6 11H2z" />
      <path d="M8 7v2.5M8 11.5v.01" />
    </Icon>
  );
}

export function EyeIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" />
      <circle cx="8" cy="8" r="2" />
    </Icon>
  );
}

export function KeyboardIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <rect x="1.5" y="4" width="13" height="8" rx="1.5" />
      <path d="M4 7h.01M6.5 7h.01M9 7h.01M11.5 7h.01M5 9.5h6" />
    </Icon>
  );
}

export function LockIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </Icon>
  );
}

export function MegaphoneIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M2.5 6.5v3h2l5 3v-9l-5 3h-2zM11.5 6a2.5 2.5 0 0 1 0 4M4.5 9.5l1 3.5" />
    </Icon>
  );
}
