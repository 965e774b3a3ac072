'use client';
// Links to the ports the learner published (`docker run -p 8080:80 …`). A preview lives on its own origin:
// a click asks the API for a link with a single-use ticket and opens that in a new tab, with no opener (the
// learner's page gets no handle on this one). The list follows the sandbox by long polling.
import { useEffect, useState } from 'react';
import type { PortLink } from '../../contract/published-ports';
import { berthApi } from '../api/berth-api';
import type { Strings } from '../i18n/strings';
import { ExternalIcon } from '../ui/icons';
import { sleep } from '../ui/sleep';
import a11y from '../ui/sr-only.module.css';
import styles from './published-ports.module.css';

const RETRY_MS = 3000;
// An answer that comes back at once with nothing new (a proxy that does not hold requests): slow down.
const MIN_ROUND_MS = 1000;

export function usePublishedPorts(sandboxId: string, live: boolean): PortLink[] {
  const [ports, setPorts] = useState<PortLink[]>([]);
  useEffect(() => {
    if (!live) {
      setPorts([]);
      return;
    }
    const ac = new AbortController();
    void (async () => {
      let version: string | undefined;
      while (!ac.signal.aborted) {
        const started = Date.now();
        try {
          const answer = await berthApi.publishedPorts(sandboxId, version, ac.signal);
          const changed = answer.version !== version;
          version = answer.version;
          if (changed) setPorts(answer.ports);
          else if (Date.now() - started < MIN_ROUND_MS) await sleep(MIN_ROUND_MS, ac.signal);
        } catch {
          // Offline, restarting or the sandbox went away: the page's lifecycle says so; just ask again later.
          await sleep(RETRY_MS, ac.signal);
        }
      }
    })();
    return () => ac.abort();
  }, [sandboxId, live]);
  return ports;
}

export function PublishedPorts({
  t,
  sandboxId,
  ports,
}: {
  t: Strings;
  sandboxId: string;
  ports: readonly PortLink[];
}) {
  const [problem, setProblem] = useState<string>();
  const summary = ports.map((p) => `${p.node}:${p.port}`).join(', ');
  return (
    <>
      {/* Announced when the list changes, so a screen reader hears a new port appear after `docker run -p`. */}
      <p className={a11y.srOnly} aria-live="polite">
        {t.portsAnnounce(summary)}
      </p>
      {ports.length > 0 && (
        <nav className={styles.bar} aria-label={t.publishedPorts} data-testid="published-ports">
          <span className={styles.label}>{t.publishedPorts}</span>
          <ul className={styles.list}>
            {ports.map((p) => (
              <li key={`${p.node}:${p.port}`} className={styles.item}>
                <span className={styles.name} title={`${p.container} — ${p.containerPort}/tcp`}>
                  {p.node}:{p.port}
                </span>
                <a
                  className={styles.open}
                  href={p.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label={t.openPortLabel(p.node, p.port, p.container)}
                  data-testid={`port-link-${p.node}-${p.port}`}
                  onClick={(e) => {
                    e.preventDefault();
                    // noreferrer: no opener either, so the preview gets no handle on this page.
                    berthApi.openPreview(sandboxId, p.node, p.port).then(
                      ({ url }) => window.open(url, '_blank', 'noreferrer'),
                      (err: Error) => setProblem(err.message),
                    );
                  }}
                >
                  {t.openPort}
                  <ExternalIcon />
                </a>
              </li>
            ))}
          </ul>
          {problem && <span role="alert">{problem}</span>}
        </nav>
      )}
    </>
  );
}
