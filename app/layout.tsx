// The document shell of every page: <html lang>, global styles, and the client state pages share.
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { htmlLang } from '@/components/i18n/lang';
import { requestLang } from '@/components/i18n/request-lang';
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
  // ?lang= (passed on by server/main.ts) beats the cookie; pages still keep <html lang> in step on the
  // client when the language changes without a reload (HtmlLangSync).
  const [lang, user] = await Promise.all([requestLang(), getServerViewer()]);
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
