'use client';
// Error boundary for every page below the root layout.
import { ErrorView } from '@/components/site/error-view';

export default function ErrorBoundary({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} />;
}
