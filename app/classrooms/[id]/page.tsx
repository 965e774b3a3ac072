// A classroom's dashboard for its instructor: how learners join, the live progress grid, the help queue,
// broadcasts, and the tasks most learners fail.
import type { Metadata } from 'next';
import { ClassroomControls } from '@/components/classroom/classroom-controls';
import { ClassroomLive } from '@/components/classroom/classroom-live';
import { dashboardStringsFor } from '@/components/classroom/dashboard-strings';
import { JoinPanel } from '@/components/classroom/join-panel';
import { PrewarmControl } from '@/components/classroom/prewarm-control';
import { TaskHeatmap } from '@/components/classroom/task-heatmap';
import { requestLang } from '@/components/i18n/request-lang';
import { stringsFor } from '@/components/i18n/strings';
import { SiteHeader } from '@/components/site/site-header';
import { getCurrentUser } from '@/server/auth/current-user.ts';
import { loadClassroomDashboard } from '@/server/classrooms/classroom-dashboard.ts';
import { getOwnedClassroom } from '@/server/classrooms/owned-classroom.ts';
import { orNotFound, signedInFor } from './instructor-page';
import styles from './page.module.css';

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const user = await getCurrentUser();
  const classroom = user ? await getOwnedClassroom(user, id).catch(() => undefined) : undefined;
  return classroom ? { title: classroom.title } : {};
}

export default async function ClassroomPage({ params, searchParams }: Props) {
  const [{ id }, lang] = await Promise.all([params, requestLang(searchParams)]);
  const path = `/classrooms/${id}`;
  const user = await signedInFor(path);
  const d = await orNotFound(loadClassroomDashboard(user, id, lang));
  const t = dashboardStringsFor(lang);
  const c = d.classroom;
  return (
    <>
      <SiteHeader
        lang={lang}
        path={path}
        crumbs={[
          { label: stringsFor(lang).course, href: '/' },
          { label: t.classrooms, href: '/classrooms' },
          { label: c.title },
        ]}
        compact
      />
      <main id="main" className={styles.page} data-testid="classroom-dashboard" data-classroom={c.id}>
        <header className={styles.top}>
          <div className={styles.heading}>
            <h1 className={styles.title}>{c.title}</h1>
            <p className={styles.meta}>
              <span>{t.learners(c.learnerCount, c.learnerCap)}</span>
              <span
                className={`${styles.badge} ${c.archived ? styles.muted : c.joinOpen ? styles.open : styles.closed}`}
                data-testid="join-state"
              >
                {c.archived ? t.archived : c.joinOpen ? t.joiningOpen : t.joiningClosed}
              </span>
            </p>
          </div>
          <ClassroomControls lang={lang} classroomId={c.id} joinOpen={c.joinOpen} archived={c.archived} />
        </header>
        {c.archived && <p className={styles.note}>{t.archivedNote}</p>}
        {d.diskWarnings.map((w) => (
          <p key={w} className={styles.warning} role="status">
            <strong>{t.diskWarning}:</strong> {w}
          </p>
        ))}
        <ClassroomLive
          lang={lang}
          classroomId={c.id}
          outline={d.outline}
          progress={d.progress}
          hands={d.hands}
          broadcasts={d.broadcasts}
          terminals={d.terminals}
          joinPanel={
            <JoinPanel
              lang={lang}
              code={c.joinCode}
              link={d.join.url}
              loopback={d.join.loopback}
              qr={d.join.qr}
              joinOpen={c.joinOpen}
            />
          }
          heatmap={<TaskHeatmap lang={lang} outline={d.outline} failures={d.failures} />}
          extra={
            c.archived ? undefined : (
              <PrewarmControl
                lang={lang}
                classroomId={c.id}
                initial={d.prewarm}
                suggested={c.learnerCap ?? Math.max(c.learnerCount, 1)}
              />
            )
          }
        />
      </main>
    </>
  );
}
