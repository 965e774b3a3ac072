'use client';
// The sandbox pane's view of each phase that has no terminal on screen (the table is in sandbox-pane.tsx).
import type { Strings } from '../i18n/strings';
import type { SandboxPhase } from '../session/use-sandbox-lifecycle';
import { useViewer } from '../session/viewer-provider';
import { Spinner } from '../ui/icons';
import { GuestSignIn } from './guest-sign-in';
import styles from './phase-views.module.css';
import { SandboxProblem } from './sandbox-problem';
import { SandboxStarting } from './sandbox-starting';

export { ConflictView } from './sandbox-conflict';

type Phase<K extends SandboxPhase['kind']> = Extract<SandboxPhase, { kind: K }>;

export interface PhaseViewProps<P extends SandboxPhase> {
  phase: P;
  t: Strings;
  /** The nodes the lesson expects (the sandbox does not exist yet). */
  nodes: readonly string[];
  /** Ask for a sandbox again. */
  retry: () => void;
  /** Answer the question a conflict asks. */
  resolveConflict: (answer: 'keep' | 'replace') => void;
  /** The learner signed in from this pane: the starting card takes focus from the form that had it. */
  signedInHere: boolean;
  onSignedIn: () => void;
}

/** Nobody signed in yet: sign in, or say why we cannot tell. */
export function WaitingView({ t, onSignedIn }: PhaseViewProps<Phase<'waiting'>>) {
  const { viewer, refresh } = useViewer();
  if (viewer.status === 'signed-out') return <GuestSignIn t={t} onSignedIn={onSignedIn} />;
  if (viewer.status === 'unreachable')
    return <SandboxProblem title={t.offlineTitle} body={t.offlineBody} action={t.retry} onAction={refresh} />;
  return (
    <p className={styles.quiet} role="status">
      <Spinner /> {t.checkingSession}
    </p>
  );
}

export function StartingView({
  phase,
  t,
  nodes,
  signedInHere,
}: PhaseViewProps<Phase<'reserving' | 'starting'>>) {
  return (
    <SandboxStarting
      t={t}
      since={phase.since}
      reserved={phase.kind === 'starting'}
      nodes={nodes}
      takeFocus={signedInHere || phase.reset}
      title={phase.reset ? t.resettingTitle : undefined}
    />
  );
}

export function CapacityView({ t, retry }: PhaseViewProps<Phase<'capacity'>>) {
  return <SandboxProblem title={t.capacityTitle} body={t.capacityBody} action={t.retry} onAction={retry} />;
}

export function FailedView({ phase, t, retry }: PhaseViewProps<Phase<'failed'>>) {
  return (
    <SandboxProblem
      title={t.failedTitle}
      body={t.failedBody}
      detail={phase.message}
      action={t.retry}
      onAction={retry}
    />
  );
}

export function TimedOutView({ t, retry }: PhaseViewProps<Phase<'timed-out'>>) {
  return <SandboxProblem title={t.timedOutTitle} body={t.timedOutBody} action={t.retry} onAction={retry} />;
}

export function UnreachableView({ t, retry }: PhaseViewProps<Phase<'unreachable'>>) {
  return <SandboxProblem title={t.offlineTitle} body={t.offlineBody} action={t.retry} onAction={retry} />;
}

/** The learner stopped their sandbox earlier: nothing starts behind their back. */
export function IdleView({ t, retry }: PhaseViewProps<Phase<'idle'>>) {
  return (
    <SandboxProblem
      title={t.idleTitle}
      body={t.idleBody}
      action={t.startSandbox}
      onAction={retry}
      tone="info"
    />
  );
}

/** Gone before any terminal was on screen (a gone sandbox with terminals keeps them: sandbox-terminals.tsx). */
export function GoneView({ phase, t, retry }: PhaseViewProps<Phase<'gone'>>) {
  return (
    <SandboxProblem
      title={t.goneTitle}
      body={phase.byUser ? t.stoppedByYou : t.goneBody}
      action={t.startNewSandbox}
      onAction={retry}
      tone="info"
    />
  );
}
