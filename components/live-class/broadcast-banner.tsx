'use client';
// The instructor's broadcasts: a banner at the bottom of the window, in view wherever the learner has
// scrolled, with the newest message (role=status, so a new one is read out politely), its time, the earlier
// ones on request, and Dismiss. Messages are shown as text.
import { useState } from 'react';
import type { Broadcast } from '../../contract/classrooms';
import { MegaphoneIcon } from '../classroom/classroom-icons';
import type { Lang } from '../i18n/lang';
import { CrossIcon } from '../ui/icons';
import styles from './broadcast-banner.module.css';
import type { LiveClassStrings } from './live-class-strings';

export function BroadcastBanner({
  t,
  lang,
  broadcasts,
  open,
  onDismiss,
}: {
  t: LiveClassStrings;
  lang: Lang;
  broadcasts: readonly Broadcast[];
  open: boolean;
  onDismiss: () => void;
}) {
  const [showEarlier, setShowEarlier] = useState(false);
  const latest = open ? broadcasts[0] : undefined;
  const earlier = broadcasts.slice(1);
  const time = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <div className={latest ? styles.dock : styles.closed} data-testid="broadcast-dock">
      {/* Always in the page, so assistive technology hears what appears in it. */}
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="broadcast-banner">
        {latest && (
          <>
            <p className={styles.head}>
              <MegaphoneIcon />
              <span>{t.messagesFromInstructor}</span>
              <time dateTime={latest.at} className={styles.time}>
                {time.format(new Date(latest.at))}
              </time>
            </p>
            <p className={styles.message} data-testid="broadcast-message">
              {latest.message}
            </p>
          </>
        )}
      </div>
      {latest && (
        <>
          {showEarlier && earlier.length > 0 && (
            <ol className={styles.earlier} data-testid="earlier-broadcasts">
              {earlier.map((b) => (
                <li key={b.id}>
                  <time dateTime={b.at} className={styles.time}>
                    {time.format(new Date(b.at))}
                  </time>
                  <span>{b.message}</span>
                </li>
              ))}
            </ol>
          )}
          <div className={styles.actions}>
            {earlier.length > 0 && (
              <button
                type="button"
                className={styles.linkButton}
                aria-expanded={showEarlier}
                onClick={() => setShowEarlier((v) => !v)}
              >
                {showEarlier ? t.hideEarlier : t.earlier(earlier.length)}
              </button>
            )}
            <button
              type="button"
              className={styles.dismiss}
              onClick={onDismiss}
              aria-label={t.dismissLabel}
              data-testid="dismiss-broadcast"
            >
              <CrossIcon />
              <span>{t.dismiss}</span>
            </button>
          </div>
        </>
      )}
    </div>
  );
}
