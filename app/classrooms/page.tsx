// An instructor's classrooms: the list (each leads to its dashboard) and the form for a new one.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ClassroomList } from '@/components/entry/classroom-list';
import { CreateClassroomForm } from '@/components/entry/create-classroom-form';
import { entryStringsFor } from '@/components/entry/entry-strings';
import { SignOutButton } from '@/components/entry/sign-out-button';
import { requestLang } from '@/components/i18n/request-lang';
import { stringsFor } from '@/components/i18n/strings';
import { SiteHeader } from '@/components/site/site-header';
import { createClassroomBodySchema } from '@/contract/classrooms.ts';
import { getServerViewer } from '@/server/auth/server-viewer.ts';
import { listClassrooms } from '@/server/classrooms/list-classrooms.ts';
import { config } from '@/server/config.ts';
import { getCatalog } from '@/server/lessons/get-catalog.ts';
import styles from './page.module.css';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: entryStringsFor(await requestLang(searchParams)).classroomsTitle };
}

export default async function ClassroomsPage({ searchParams }: Props) {
  const [lang, viewer] = await Promise.all([requestLang(searchParams), getServerViewer()]);
  if (viewer?.role !== 'instructor') redirect('/signin?next=/classrooms');
  const t = entryStringsFor(lang);
  const [classrooms, catalog] = await Promise.all([listClassrooms(viewer), getCatalog(lang)]);
  // The time-limit field shows only where the create route takes one (a classroom's sandbox time limit).
  const maxSandboxMinutes =
    'sandboxMinutes' in createClassroomBodySchema.shape ? config().BERTH_SANDBOX_TTL_MINUTES : undefined;
  const chapters = catalog.chapters
    .filter((c) => c.lessons.length > 0)
    .map((c) => ({
      id: c.id,
      title: c.title,
      lessons: c.lessons.map((l) => ({ id: l.id, title: l.title })),
    }));
  return (
    <>
      <SiteHeader
        lang={lang}
        path="/classrooms"
        crumbs={[{ label: stringsFor(lang).course, href: '/' }, { label: t.classroomsTitle }]}
      />
      <main id="main" className={styles.page}>
        <header className={styles.head}>
          <div>
            <h1 className={styles.title}>{t.classroomsTitle}</h1>
            <p className={styles.intro}>{t.classroomsIntro}</p>
          </div>
          <SignOutButton lang={lang} />
        </header>
        <div className={styles.columns}>
          <section aria-label={t.classroomsTitle} className={styles.list}>
            <ClassroomList lang={lang} classrooms={classrooms} />
          </section>
          <section aria-labelledby="create-title" className={styles.create}>
            <h2 id="create-title" className={styles.createTitle}>
              {t.createTitle}
            </h2>
            <CreateClassroomForm lang={lang} chapters={chapters} maxSandboxMinutes={maxSandboxMinutes} />
          </section>
        </div>
      </main>
    </>
  );
}
