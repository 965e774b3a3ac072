// /setup/<token>: an instructor sets their password through the one-time link `./berth instructors add
// <email>` printed, or learns that the link is spent or expired.
import Link from 'next/link';
import { SetupPasswordForm } from '@/components/auth/setup-password-form';
import { setupStrings } from '@/components/auth/setup-strings';
import { requestLang } from '@/components/i18n/request-lang';
import { SiteHeader } from '@/components/site/site-header';
import styles from '@/components/site/status-page.module.css';
import buttons from '@/components/ui/button.module.css';
import { setupLinkEmail } from '@/server/auth/setup-link-email.ts';

export const dynamic = 'force-dynamic';
// The token is in the address: never in a Referer.
export const metadata = { title: 'Set your password', referrer: 'no-referrer' };

export default async function SetupPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ token }, lang] = await Promise.all([params, requestLang(searchParams)]);
  const t = setupStrings(lang);
  const email = await setupLinkEmail(token);
  return (
    <>
      <SiteHeader lang={lang} path={`/setup/${encodeURIComponent(token)}`} />
      <main id="main" className={styles.page}>
        {email ? (
          <>
            <h1 className={styles.title}>{t.pageTitle}</h1>
            <p className={styles.body}>{t.intro(email)}</p>
            <SetupPasswordForm token={token} lang={lang} />
          </>
        ) : (
          <>
            <h1 className={styles.title}>{t.spentTitle}</h1>
            <p className={styles.body}>{t.spentBody}</p>
            <Link href="/" className={`${buttons.button} ${buttons.primary}`}>
              {t.backToCourse}
            </Link>
          </>
        )}
      </main>
    </>
  );
}
