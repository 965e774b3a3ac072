// Plain text with `backtick` spans shown as code: hints and check messages are written that way.
// React escapes everything, so this stays safe for text from any source.
import { Fragment } from 'react';
import styles from './inline-code.module.css';

export function InlineCode({ text }: { text: string }) {
  const parts = text.split('`');
  // An unmatched last backtick stays a literal backtick.
  const closed = parts.length % 2 === 1 ? parts.length : parts.length - 1;
  let offset = 0;
  return (
    <>
      {parts.map((part, i) => {
        const key = offset;
        offset += part.length + 1;
        if (i % 2 === 1 && i < closed)
          return (
            <code key={key} className={styles.code}>
              {part}
            </code>
          );
        return <Fragment key={key}>{i % 2 === 1 ? `\`${part}` : part}</Fragment>;
      })}
    </>
  );
}
