// An instructor watches one learner's terminal, live and with what was on it before (replay): read-only
// unless the learner lets them type, which the page says in words.
import type { Metadata } from 'next';
import Link from 'next/link';
import { dashboardStringsFor } from '@/components/classroom/dashboard-strings';
import { WatchView } from '@/components/classroom/watch-view';
import { requestLang } from '@/components/i18n/request-lang';
import { stringsFor } from '@/components/i18n/strings';
import { SiteHeader } from '@/components/site/site-header';
import { ArrowIcon } from '@/components/ui/icons';
import { watchTarget } from '@/server/classrooms/watch-target.ts';
import { orNotFound, signedInFor } from '../../instructor-page';
import styles from './page.module.css';

interface Props {
  params: Promise<{ id: string; learnerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Watch', robots: { index: false } };

export default async function WatchPage({ params, searchParams }: Props) {
  const [{ id, learnerId }, lang] = await Promise.all([params, requestLang(searchParams)]);
  const path = `/classrooms/${id}/watch/${learnerId}`;
  const user = await signedInFor(path);
  const target = await orNotFound(watchTarget(user, id, learnerId));
  const t = dashboardStringsFor(lang);
  const back = `/classrooms/${encodeURIComponent(target.classroom.id)}`;
  return (
    <>
      <SiteHeader
        lang={lang}
        path={path}
        compact
        crumbs={[
          { label: stringsFor(lang).course, href: '/' },
          { label: t.classrooms, href: '/classrooms' },
          { label: target.classroom.title, href: back },
          { label: target.learner.name },
        ]}
      />
      <main id="main" className={styles.page} data-testid="watch-page">
        <div className={styles.top}>
          <h1 className={styles.title}>{t.watchTitle(target.learner.name)}</h1>
          <Link href={back} className={styles.back}>
            <ArrowIcon direction="left" /> {t.backToClassroom}
          </Link>
        </div>
        {target.sandbox ? (
          <WatchView
            key={target.sandbox.id}
            lang={lang}
            classroomId={target.classroom.id}
            learner={target.learner}
            sandbox={target.sandbox}
            hand={target.hand}
          />
        ) : (
          <div className={styles.none} data-testid="watch-no-sandbox">
            <h2>{t.noSandboxTitle(target.learner.name)}</h2>
            <p>{t.noSandboxBody}</p>
          </div>
        )}
      </main>
    </>
  );
}
