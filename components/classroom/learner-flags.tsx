// What needs the instructor's eye about one learner, as small labelled badges: a raised hand, stuck on an
// exercise, idle, being watched, typing allowed.
import type { Lang } from '../i18n/lang';
import a11y from '../ui/sr-only.module.css';
import { AlertIcon, EyeIcon, HandIcon, KeyboardIcon, PauseIcon } from './classroom-icons';
import type { LearnerRow } from './dashboard-state';
import { dashboardStringsFor } from './dashboard-strings';
import styles from './learner-flags.module.css';

export function LearnerFlags({
  lang,
  learner,
  stuckTitle,
}: {
  lang: Lang;
  learner: LearnerRow;
  stuckTitle: string | undefined;
}) {
  const t = dashboardStringsFor(lang);
  const flags = [
    learner.handRaised && { key: 'hand', icon: <HandIcon />, text: t.flagHand, tone: styles.hand },
    learner.stuck && {
      key: 'stuck',
      icon: <AlertIcon />,
      text: t.flagStuck,
      title: t.flagStuckLabel(stuckTitle ?? learner.stuck),
      tone: styles.stuck,
    },
    learner.idle && {
      key: 'idle',
      icon: <PauseIcon />,
      text: t.flagIdle,
      title: t.flagIdleLabel,
      tone: styles.idle,
    },
    learner.watching > 0 && { key: 'watched', icon: <EyeIcon />, text: t.flagWatched, tone: styles.info },
    learner.typingAllowed && { key: 'typing', icon: <KeyboardIcon />, text: t.flagTyping, tone: styles.info },
  ].filter((f) => !!f);
  if (flags.length === 0) return null;
  return (
    <ul className={styles.flags} data-testid={`flags-${learner.id}`}>
      {flags.map((f) => (
        <li
          key={f.key}
          className={`${styles.flag} ${f.tone}`}
          title={'title' in f ? f.title : undefined}
          data-flag={f.key}
        >
          {f.icon}
          <span>{f.text}</span>
          {'title' in f && f.title && <span className={a11y.srOnly}>: {f.title}</span>}
        </li>
      ))}
    </ul>
  );
}
