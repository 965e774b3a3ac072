'use client';
// Last-resort boundary when the root layout itself fails: brings its own <html> and styles.
import './globals.css';
import { ErrorView } from '@/components/site/error-view';

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>Berth</title>
        <ErrorView error={error} retry={retry} />
      </body>
    </html>
  );
}
