// Small inline icons. Always decorative (aria-hidden): the text next to them carries the meaning.
import type { ReactNode } from 'react';
import styles from './icons.module.css';

export function Icon({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
    >
      {children}
    </svg>
  );
}

export function CheckIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M3 8.5l3.2 3L13 4.5" />
    </Icon>
  );
}

export function CrossIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M4 4l8 8M12 4l-8 8" />
    </Icon>
  );
}

export function DotIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <circle cx="8" cy="8" r="3.5" />
    </Icon>
  );
}

export function Spinner({ className }: { className?: string }) {
  return (
    <Icon className={`${styles.spinner} ${className ?? ''}`}>
      <path d="M8 2a6 6 0 1 1-6 6" />
    </Icon>
  );
}

export function ArrowIcon({
  className,
  direction = 'right',
}: {
  className?: string;
  direction?: 'left' | 'right';
}) {
  return (
    <Icon className={className}>
      {direction === 'right' ? <path d="M3 8h10M9 4l4 4-4 4" /> : <path d="M13 8H3M7 4L3 8l4 4" />}
    </Icon>
  );
}

export function ClockIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 5v3l2 1.5" />
    </Icon>
  );
}

export function StopIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <rect x="4" y="4" width="8" height="8" rx="1" />
    </Icon>
  );
}

export function ResetIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9" />
      <path d="M2.5 2.5v3h3" />
    </Icon>
  );
}

export function EditIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M10.5 2.5l3 3L6 13H3v-3z" />
      <path d="M9 4l3 3" />
    </Icon>
  );
}

export function ExternalIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M9 3h4v4M13 3L7.5 8.5" />
      <path d="M11 9.5V13H3V5h3.5" />
    </Icon>
  );
}
