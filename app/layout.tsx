// The document shell of every page: <html lang>, global styles, and the client state pages share.
import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { htmlLang, LANG_COOKIE, resolveLang } from '@/components/i18n/lang';
import { ProgressProvider } from '@/components/session/progress-provider';
import { ViewerProvider } from '@/components/session/viewer-provider';
import { getServerViewer } from '@/server/auth/server-viewer.ts';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Berth: learn Docker by doing it', template: '%s · Berth' },
  description: 'Lessons beside a live terminal into your own sandbox with a real Docker engine.',
};

export const viewport: Viewport = {
  themeColor: '#1f5fbf',
  width: 'device-width',
  initialScale: 1,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Pages fix <html lang> themselves when ?lang= disagrees with the cookie (HtmlLangSync).
  const [jar, user] = await Promise.all([cookies(), getServerViewer()]);
  const lang = resolveLang(undefined, jar.get(LANG_COOKIE)?.value);
  return (
    <html lang={htmlLang(lang)}>
      <body>
        <ViewerProvider initialUser={user}>
          <ProgressProvider>{children}</ProgressProvider>
        </ViewerProvider>
      </body>
    </html>
  );
}
