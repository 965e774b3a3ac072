// How learners get in: the join code, the link and its QR code, drawn on the server (no script needed), with
// copy buttons and a large view for the projector.
import type { Lang } from '../i18n/lang';
import { CopyButton } from './copy-button';
import { dashboardStringsFor } from './dashboard-strings';
import styles from './join-panel.module.css';
import { Panel } from './panel';
import { QrCode, type QrPath } from './qr-code';
import { ShowToClass } from './show-to-class';

/** ABCDE23456 → ABCDE-23456: easier to read aloud and to type (joining ignores the dash). */
function grouped(code: string): string {
  return code.replace(/(.{5})(?=.)/g, '$1-');
}

export function JoinPanel({
  lang,
  code,
  link,
  loopback,
  qr,
  joinOpen,
}: {
  lang: Lang;
  code: string;
  link: string;
  loopback: boolean;
  qr: QrPath;
  joinOpen: boolean;
}) {
  const t = dashboardStringsFor(lang);
  return (
    <Panel
      id="join"
      title={t.joinTitle}
      testId="join-panel"
      action={
        <ShowToClass openText={t.showToClass} closeText={t.close} title={t.joinTitle}>
          <p className={styles.bigCode}>{grouped(code)}</p>
          <QrCode qr={qr} label={t.qrLabel(link)} className={styles.bigQr} />
          <p className={styles.bigLink}>{link}</p>
        </ShowToClass>
      }
    >
      {!joinOpen && <p className={styles.closed}>{t.joinClosedNote}</p>}
      <div className={styles.body}>
        <QrCode qr={qr} label={t.qrLabel(link)} className={styles.qr} />
        <dl className={styles.facts}>
          <dt>{t.joinCode}</dt>
          <dd className={styles.row}>
            <code className={styles.code} data-testid="join-code" data-copy-source>
              {grouped(code)}
            </code>
            <CopyButton text={code} label={t.copyCode} copyWord={t.copy} copiedWord={t.copied} />
          </dd>
          <dt>{t.joinLink}</dt>
          <dd className={styles.row}>
            <a href={link} className={styles.link} data-testid="join-link" data-copy-source>
              {link}
            </a>
            <CopyButton text={link} label={t.copyLink} copyWord={t.copy} copiedWord={t.copied} />
          </dd>
        </dl>
      </div>
      {loopback && <p className={styles.note}>{t.loopbackNote}</p>}
    </Panel>
  );
}
