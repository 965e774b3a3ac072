// A button in the bar above the terminal: its label folds away (icon only) when the bar is narrow.
import type { ComponentProps, ReactNode } from 'react';
import styles from './toolbar-button.module.css';

export function ToolbarButton({
  icon,
  label,
  tone,
  ...button
}: {
  icon: ReactNode;
  label: ReactNode;
  /** `danger` warms up on hover (Stop, Reset); `toggle` shows when what it opens is open. */
  tone: 'danger' | 'toggle';
} & Omit<ComponentProps<'button'>, 'children' | 'className' | 'type'>) {
  return (
    <button type="button" className={`${styles.button} ${styles[tone]}`} {...button}>
      {icon}
      <span className={styles.label}>{label}</span>
    </button>
  );
}
