// 404 for any unknown address, including a lesson id that does not exist.
import Link from 'next/link';
import { requestLang } from '@/components/i18n/request-lang';
import { stringsFor } from '@/components/i18n/strings';
import { SiteHeader } from '@/components/site/site-header';
import { ArrowIcon } from '@/components/ui/icons';

export const metadata = { title: 'Page not found' };

export default async function NotFound() {
  const lang = await requestLang();
  const t = stringsFor(lang);
  return (
    <>
      <SiteHeader lang={lang} path="/" />
      <main id="main" className="status-page">
        <p className="status-code" aria-hidden="true">
          404
        </p>
        <h1 className="status-title">{t.notFoundTitle}</h1>
        <p className="status-body">{t.notFoundBody}</p>
        <Link href="/" className="button button-primary">
          <ArrowIcon direction="left" /> {t.backToCourse}
        </Link>
      </main>
    </>
  );
}
