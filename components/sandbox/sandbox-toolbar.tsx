'use client';
// The bar above a sandbox's terminals: node tabs; connection, time left, Editor, Reset and Stop; then what
// went wrong with Stop or Reset, and the ports the learner published.
import { useState } from 'react';
import { isApiError } from '../api/berth-api';
import { EditorToggle } from '../editor/lazy-editor-panel';
import { stringsFor } from '../i18n/strings';
import { useLessonSession } from '../session/lesson-session';
import { ConnectionStatus } from '../terminal/connection-status';
import type { ConnectionState } from '../terminal/terminal-connection';
import { ResetIcon, Spinner, StopIcon } from '../ui/icons';
import { ToolbarButton } from '../ui/toolbar-button';
import { ExpiresIn } from './expires-in';
import { NodeTabs } from './node-tabs';
import { PublishedPorts, usePublishedPorts } from './published-ports';
import styles from './sandbox-toolbar.module.css';

export function SandboxToolbar({
  sandboxId,
  nodes,
  current,
  currentState,
  onReconnectNow,
  editorOpen,
  editorId,
  onToggleEditor,
}: {
  sandboxId: string;
  nodes: readonly string[];
  /** The node whose terminal is shown. */
  current: string;
  currentState: ConnectionState;
  onReconnectNow: () => void;
  editorOpen: boolean;
  /** Id of the editor panel the Editor button opens. */
  editorId: string;
  onToggleEditor: () => void;
}) {
  const session = useLessonSession();
  const { phase } = session;
  const t = stringsFor(session.lang);
  const [actionError, setActionError] = useState<string | undefined>();
  const ports = usePublishedPorts(sandboxId, phase.kind === 'ready');

  const live = phase.kind === 'ready';
  const expiresAt =
    phase.kind === 'ready' && phase.sandbox.expiresAt ? Date.parse(phase.sandbox.expiresAt) : NaN;
  const resetting = phase.kind === 'stopping' && phase.reset;
  const stopping = phase.kind === 'stopping' && !phase.reset;

  // Stop and Reset both end this sandbox: ask first; a failure shows in the banner under the bar.
  async function confirmThen(question: string, action: () => Promise<void>) {
    if (!window.confirm(question)) return;
    setActionError(undefined);
    try {
      await action();
    } catch (e) {
      setActionError(isApiError(e) ? e.message : String(e));
    }
  }

  return (
    <>
      <div className={styles.toolbar}>
        <NodeTabs nodes={nodes} active={current} onSelect={session.setActiveNode} label={t.nodeTabs} />
        <div className={styles.end}>
          {live && (
            <ConnectionStatus lang={session.lang} state={currentState} onReconnectNow={onReconnectNow} />
          )}
          {live && Number.isFinite(expiresAt) && <ExpiresIn t={t} at={expiresAt} />}
          {live && (
            <EditorToggle
              lang={session.lang}
              open={editorOpen}
              controls={editorId}
              onToggle={onToggleEditor}
            />
          )}
          {(phase.kind === 'ready' || phase.kind === 'stopping') && (
            <ToolbarButton
              tone="danger"
              icon={resetting ? <Spinner /> : <ResetIcon />}
              label={resetting ? t.resetting : t.resetSandbox}
              onClick={() => confirmThen(t.resetSandboxConfirm, session.reset)}
              disabled={phase.kind === 'stopping'}
              aria-label={resetting ? t.resetting : t.resetSandboxLabel}
              data-testid="reset-sandbox"
            />
          )}
          {(phase.kind === 'ready' || phase.kind === 'stopping') && (
            <ToolbarButton
              tone="danger"
              icon={stopping ? <Spinner /> : <StopIcon />}
              label={stopping ? t.stopping : t.stopSandbox}
              onClick={() => confirmThen(t.stopSandboxConfirm, session.stop)}
              disabled={phase.kind === 'stopping'}
              data-testid="stop-sandbox"
            />
          )}
        </div>
      </div>
      {actionError && (
        <p className={styles.banner} role="alert">
          {actionError}
        </p>
      )}
      <PublishedPorts t={t} sandboxId={sandboxId} ports={ports} />
    </>
  );
}
