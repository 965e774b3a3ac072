'use client';
// The right-hand pane of a lesson: sign in, watch the sandbox start, then one terminal per node.
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/berth-api';
import { EditorToggle, LazyEditorPanel } from '../editor/lazy-editor-panel';
import { stringsFor } from '../i18n/strings';
import { useLessonSession } from '../session/lesson-session';
import { useViewer } from '../session/viewer-provider';
import { ConnectionStatus } from '../terminal/connection-status';
import type { ConnectionState } from '../terminal/terminal-connection';
import { type TerminalHandle, TerminalView } from '../terminal/terminal-view';
import { ClockIcon, ResetIcon, Spinner, StopIcon } from '../ui/icons';
import { useNow } from '../ui/use-now';
import { GuestSignIn } from './guest-sign-in';
import { PublishedPorts, usePublishedPorts } from './published-ports';
import { SandboxProblem } from './sandbox-problem';
import { SandboxStarting } from './sandbox-starting';

export function SandboxPane() {
  const session = useLessonSession();
  const { viewer, refresh } = useViewer();
  const t = stringsFor(session.lang);
  const { phase } = session;
  // Set when the learner signs in from this pane, so focus follows them into the starting card.
  const [fromSignIn, setFromSignIn] = useState(false);

  const sandbox =
    phase.kind === 'ready' || phase.kind === 'stopping' || phase.kind === 'gone' ? phase.sandbox : undefined;
  const nodes = sandbox?.nodes.length ? sandbox.nodes : session.lessonNodes;

  let body: ReactNode;
  if (sandbox) {
    body = <Terminals key={sandbox.id} sandboxId={sandbox.id} nodes={nodes} />;
  } else {
    switch (phase.kind) {
      case 'waiting':
        if (viewer.status === 'signed-out')
          body = <GuestSignIn t={t} onSignedIn={() => setFromSignIn(true)} />;
        else if (viewer.status === 'unreachable')
          body = (
            <SandboxProblem title={t.offlineTitle} body={t.offlineBody} action={t.retry} onAction={refresh} />
          );
        else
          body = (
            <p className="pane-quiet" role="status">
              <Spinner /> {t.checkingSession}
            </p>
          );
        break;
      case 'reserving':
        body = (
          <SandboxStarting
            t={t}
            since={phase.since}
            reserved={false}
            nodes={nodes}
            takeFocus={fromSignIn || phase.reset}
            title={phase.reset ? t.resettingTitle : undefined}
          />
        );
        break;
      case 'starting':
        body = (
          <SandboxStarting
            t={t}
            since={phase.since}
            reserved
            nodes={nodes}
            takeFocus={fromSignIn || phase.reset}
            title={phase.reset ? t.resettingTitle : undefined}
          />
        );
        break;
      case 'capacity':
        body = (
          <SandboxProblem
            title={t.capacityTitle}
            body={t.capacityBody}
            action={t.retry}
            onAction={session.retry}
          />
        );
        break;
      case 'failed':
        body = (
          <SandboxProblem
            title={t.failedTitle}
            body={t.failedBody}
            detail={phase.message}
            action={t.retry}
            onAction={session.retry}
          />
        );
        break;
      case 'timed-out':
        body = (
          <SandboxProblem
            title={t.timedOutTitle}
            body={t.timedOutBody}
            action={t.retry}
            onAction={session.retry}
          />
        );
        break;
      case 'unreachable':
        body = (
          <SandboxProblem
            title={t.offlineTitle}
            body={t.offlineBody}
            action={t.retry}
            onAction={session.retry}
          />
        );
        break;
      case 'gone':
        body = (
          <SandboxProblem
            title={t.goneTitle}
            body={phase.byUser ? t.stoppedByYou : t.goneBody}
            action={t.startNewSandbox}
            onAction={session.retry}
            tone="info"
          />
        );
        break;
    }
  }

  return (
    <div className="terminal-pane-inner" data-phase={phase.kind}>
      {body}
    </div>
  );
}

function Terminals({ sandboxId, nodes }: { sandboxId: string; nodes: readonly string[] }) {
  const session = useLessonSession();
  const t = stringsFor(session.lang);
  const { phase, activeNode, setActiveNode, registerTerminal, isSandboxAlive, markGone } = session;
  const [states, setStates] = useState<Record<string, ConnectionState>>({});
  // Terminals open when their tab is first shown and stay open, so switching tabs keeps each screen.
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([activeNode]));
  const handles = useRef(new Map<string, TerminalHandle>());
  const [stopError, setStopError] = useState<string | undefined>();
  const ports = usePublishedPorts(sandboxId, phase.kind === 'ready');
  // The editor panel: mounted on first open (monaco loads then), kept while the pane lives.
  const [editor, setEditor] = useState<'never' | 'open' | 'closed'>('never');

  const current = nodes.includes(activeNode) ? activeNode : (nodes[0] ?? 'node1');
  useEffect(() => {
    if (current !== activeNode) setActiveNode(current);
    setOpened((prev) => (prev.has(current) ? prev : new Set([...prev, current])));
  }, [current, activeNode, setActiveNode]);

  const onStateChange = useCallback(
    (node: string, state: ConnectionState) => {
      setStates((prev) => ({ ...prev, [node]: state }));
      if (state.kind === 'gone') markGone();
    },
    [markGone],
  );
  const onHandle = useCallback(
    (node: string, handle: TerminalHandle | undefined) => {
      if (handle) handles.current.set(node, handle);
      else handles.current.delete(node);
      registerTerminal(node, handle);
    },
    [registerTerminal],
  );

  const live = phase.kind === 'ready';
  const activeState: ConnectionState = states[current] ?? { kind: 'connecting' };
  const expiresAt =
    phase.kind === 'ready' && phase.sandbox.expiresAt ? Date.parse(phase.sandbox.expiresAt) : NaN;

  async function onStop() {
    if (!window.confirm(t.stopSandboxConfirm)) return;
    setStopError(undefined);
    try {
      await session.stop();
    } catch (e) {
      setStopError(isApiError(e) ? e.message : String(e));
    }
  }

  async function onReset() {
    if (!window.confirm(t.resetSandboxConfirm)) return;
    setStopError(undefined);
    try {
      await session.reset();
    } catch (e) {
      setStopError(isApiError(e) ? e.message : String(e));
    }
  }

  const resetting = phase.kind === 'stopping' && phase.reset;
  const stopping = phase.kind === 'stopping' && !phase.reset;

  return (
    <div className="terminals">
      <div className="terminal-toolbar">
        <NodeTabs nodes={nodes} active={current} onSelect={setActiveNode} label={t.nodeTabs} />
        <div className="terminal-toolbar-end">
          {live && (
            <ConnectionStatus
              t={t}
              state={activeState}
              onReconnectNow={() => handles.current.get(current)?.reconnectNow()}
            />
          )}
          {live && Number.isFinite(expiresAt) && <ExpiresIn t={t} at={expiresAt} />}
          {live && (
            <EditorToggle
              lang={session.lang}
              open={editor === 'open'}
              controls={`editor-panel-${sandboxId}`}
              onToggle={() => setEditor((e) => (e === 'open' ? 'closed' : 'open'))}
            />
          )}
          {(phase.kind === 'ready' || phase.kind === 'stopping') && (
            <button
              type="button"
              className="toolbar-button"
              onClick={onReset}
              disabled={phase.kind === 'stopping'}
              aria-label={resetting ? t.resetting : t.resetSandboxLabel}
              data-testid="reset-sandbox"
            >
              {resetting ? <Spinner /> : <ResetIcon />}
              <span>{resetting ? t.resetting : t.resetSandbox}</span>
            </button>
          )}
          {(phase.kind === 'ready' || phase.kind === 'stopping') && (
            <button
              type="button"
              className="toolbar-button"
              onClick={onStop}
              disabled={phase.kind === 'stopping'}
              data-testid="stop-sandbox"
            >
              {stopping ? <Spinner /> : <StopIcon />}
              <span>{stopping ? t.stopping : t.stopSandbox}</span>
            </button>
          )}
        </div>
      </div>
      {stopError && (
        <p className="terminal-banner" role="alert">
          {stopError}
        </p>
      )}
      <PublishedPorts t={t} ports={ports} />
      <div className="terminal-stage" id={`terminal-panel-${sandboxId}`}>
        {nodes
          .filter((node) => opened.has(node))
          .map((node) => (
            <TerminalView
              key={node}
              sandboxId={sandboxId}
              node={node}
              active={node === current}
              live={live || phase.kind === 'stopping'}
              label={t.terminalLabel(node)}
              describedBy={`terminal-keyhint-${sandboxId}`}
              connectionState={(states[node] ?? { kind: 'connecting' }).kind}
              isSandboxAlive={isSandboxAlive}
              onStateChange={onStateChange}
              onHandle={onHandle}
            />
          ))}
        <p className="terminal-keyhint" id={`terminal-keyhint-${sandboxId}`}>
          {t.terminalKeyHint}
        </p>
        {live && activeState.kind === 'exited' && (
          <div className="terminal-exit-bar">
            <span>{t.connExited(activeState.code)}</span>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                handles.current.get(current)?.restartShell();
                handles.current.get(current)?.focus();
              }}
            >
              {t.restartShell}
            </button>
          </div>
        )}
        {phase.kind === 'gone' && (
          <div className="terminal-overlay">
            <SandboxProblem
              title={t.goneTitle}
              body={phase.byUser ? t.stoppedByYou : phase.reason ? t.brokeBody : t.goneBody}
              detail={phase.reason}
              action={t.startNewSandbox}
              onAction={session.retry}
              tone="info"
            />
          </div>
        )}
      </div>
      {editor !== 'never' && live && (
        <LazyEditorPanel
          id={`editor-panel-${sandboxId}`}
          sandboxId={sandboxId}
          node={current}
          lang={session.lang}
          open={editor === 'open'}
        />
      )}
    </div>
  );
}

function NodeTabs({
  nodes,
  active,
  onSelect,
  label,
}: {
  nodes: readonly string[];
  active: string;
  onSelect: (node: string) => void;
  label: string;
}) {
  const refs = useRef(new Map<string, HTMLButtonElement>());
  if (nodes.length < 2) {
    return (
      <span className="node-label">
        <span className="node-dot" aria-hidden="true" />
        {nodes[0] ?? 'node1'}
      </span>
    );
  }
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const i = nodes.indexOf(active);
    let next: string | undefined;
    if (e.key === 'ArrowRight') next = nodes[(i + 1) % nodes.length];
    else if (e.key === 'ArrowLeft') next = nodes[(i - 1 + nodes.length) % nodes.length];
    else if (e.key === 'Home') next = nodes[0];
    else if (e.key === 'End') next = nodes[nodes.length - 1];
    if (!next) return;
    e.preventDefault();
    onSelect(next);
    refs.current.get(next)?.focus();
  }
  return (
    <div className="node-tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {nodes.map((node) => (
        <button
          key={node}
          ref={(el) => {
            if (el) refs.current.set(node, el);
            else refs.current.delete(node);
          }}
          type="button"
          role="tab"
          aria-selected={node === active}
          aria-controls={`terminal-${node}`}
          tabIndex={node === active ? 0 : -1}
          className="node-tab"
          onClick={() => onSelect(node)}
        >
          {node}
        </button>
      ))}
    </div>
  );
}

function ExpiresIn({ t, at }: { t: ReturnType<typeof stringsFor>; at: number }) {
  const now = useNow(30_000);
  const minutes = Math.max(0, Math.ceil((at - now) / 60_000));
  return (
    <span className="expires" title={new Date(at).toLocaleTimeString()}>
      <ClockIcon />
      {t.expiresIn(minutes)}
    </span>
  );
}
