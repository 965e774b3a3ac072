// 404 for any unknown address, including a lesson id that does not exist.
import Link from 'next/link';
import { requestLang } from '@/components/i18n/request-lang';
import { stringsFor } from '@/components/i18n/strings';
import { SiteHeader } from '@/components/site/site-header';
import styles from '@/components/site/status-page.module.css';
import buttons from '@/components/ui/button.module.css';
import { ArrowIcon } from '@/components/ui/icons';

export const metadata = { title: 'Page not found' };

export default async function NotFound() {
  const lang = await requestLang();
  const t = stringsFor(lang);
  return (
    <>
      <SiteHeader lang={lang} path="/" />
      <main id="main" className={styles.page}>
        <p className={styles.code} aria-hidden="true">
          404
        </p>
        <h1 className={styles.title}>{t.notFoundTitle}</h1>
        <p className={styles.body}>{t.notFoundBody}</p>
        <Link href="/" className={`${buttons.button} ${buttons.primary}`}>
          <ArrowIcon direction="left" /> {t.backToCourse}
        </Link>
      </main>
    </>
  );
}
