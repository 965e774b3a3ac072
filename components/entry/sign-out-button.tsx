'use client';
// Ends the session on the server (POST /api/auth/logout), then back to the sign-in page.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { classroomApi } from '../api/classroom-api';
import type { Lang } from '../i18n/lang';
import { useViewer } from '../session/viewer-provider';
import buttons from '../ui/button.module.css';
import { Spinner } from '../ui/icons';
import { entryStringsFor } from './entry-strings';

export function SignOutButton({ lang }: { lang: Lang }) {
  const t = entryStringsFor(lang);
  const router = useRouter();
  const { refresh } = useViewer();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={`${buttons.button} ${buttons.small}`}
      disabled={busy}
      data-testid="sign-out"
      onClick={async () => {
        setBusy(true);
        // Signed out either way: a failed call leaves a session that expires on its own.
        await classroomApi.logout().catch(() => undefined);
        refresh();
        router.push('/signin');
      }}
    >
      {busy ? (
        <>
          <Spinner /> {t.signingOut}
        </>
      ) : (
        t.signOut
      )}
    </button>
  );
}
