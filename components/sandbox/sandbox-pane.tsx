'use client';
// The right-hand pane of a lesson: what it shows follows the phase of the learner's sandbox
// (../session/use-sandbox-lifecycle.ts), one view per phase, looked up in the table below.
import { type ComponentType, useEffect, useRef, useState } from 'react';
import type { Sandbox } from '../../contract/public-api';
import { stringsFor } from '../i18n/strings';
import { useLessonSession } from '../session/lesson-session';
import type { SandboxPhase } from '../session/use-sandbox-lifecycle';
import {
  CapacityView,
  ConflictView,
  FailedView,
  GoneView,
  IdleView,
  type PhaseViewProps,
  StartingView,
  TimedOutView,
  UnreachableView,
  WaitingView,
} from './phase-views';
import styles from './sandbox-pane.module.css';
import { SandboxTerminals } from './sandbox-terminals';

/** A sandbox whose terminals are on screen: ready, stopping, or gone with its last screens kept. */
type TerminalPhase =
  | Extract<SandboxPhase, { kind: 'ready' | 'stopping' }>
  | (Extract<SandboxPhase, { kind: 'gone' }> & { sandbox: Sandbox });

/** Every other phase: no terminal yet (or any more), a card instead. */
type CardPhase = Exclude<SandboxPhase, TerminalPhase>;

const views: { [K in CardPhase['kind']]: ComponentType<PhaseViewProps<Extract<CardPhase, { kind: K }>>> } = {
  waiting: WaitingView,
  idle: IdleView,
  conflict: ConflictView,
  // One view for both steps of a start, so its clock and focus carry on from one to the other.
  reserving: StartingView,
  starting: StartingView,
  capacity: CapacityView,
  failed: FailedView,
  'timed-out': TimedOutView,
  unreachable: UnreachableView,
  gone: GoneView,
};

function showsTerminals(phase: SandboxPhase): phase is TerminalPhase {
  return phase.kind === 'ready' || phase.kind === 'stopping' || (phase.kind === 'gone' && !!phase.sandbox);
}

export function SandboxPane() {
  const session = useLessonSession();
  const { phase } = session;
  // Set when the learner signs in from this pane, so focus follows them into the starting card.
  const [signedInHere, setSignedInHere] = useState(false);

  // Where focus goes when the terminal appears: into it if the learner was working in this pane (the card
  // that had focus is gone, which would leave it on the page body); else it stays where the learner is.
  const focusInPane = useRef(false);
  const paneRef = useRef<HTMLDivElement>(null);
  const { focusTerminalWhenShown } = session;
  const shown = showsTerminals(phase) && phase.kind === 'ready' ? phase.sandbox.id : undefined;
  useEffect(() => {
    if (!shown || !focusInPane.current) return;
    const active = document.activeElement;
    if (!active || active === document.body || paneRef.current?.contains(active)) focusTerminalWhenShown();
  }, [shown, focusTerminalWhenShown]);
  useEffect(() => {
    const pane = paneRef.current;
    if (!pane) return;
    const onIn = () => {
      focusInPane.current = true;
    };
    // null relatedTarget: the focused card was removed (or the window lost focus) — still "in the pane".
    const onOut = (e: FocusEvent) => {
      if (e.relatedTarget instanceof Node && !pane.contains(e.relatedTarget)) focusInPane.current = false;
    };
    pane.addEventListener('focusin', onIn);
    pane.addEventListener('focusout', onOut);
    return () => {
      pane.removeEventListener('focusin', onIn);
      pane.removeEventListener('focusout', onOut);
    };
  }, []);

  return (
    <div ref={paneRef} className={styles.pane} data-phase={phase.kind}>
      {showsTerminals(phase) ? (
        // Keyed by sandbox, so the terminals live from ready through stopping to gone and no longer.
        <SandboxTerminals
          key={phase.sandbox.id}
          sandboxId={phase.sandbox.id}
          nodes={phase.sandbox.nodes.length ? phase.sandbox.nodes : session.lessonNodes}
        />
      ) : (
        <PhaseView
          phase={phase}
          t={stringsFor(session.lang)}
          nodes={session.lessonNodes}
          retry={session.retry}
          resolveConflict={session.resolveConflict}
          signedInHere={signedInHere}
          onSignedIn={() => setSignedInHere(true)}
        />
      )}
    </div>
  );
}

function PhaseView<P extends CardPhase>(props: PhaseViewProps<P>) {
  // The table's type ties each kind to its view; TypeScript cannot follow that through an index.
  const View = views[props.phase.kind] as ComponentType<PhaseViewProps<P>>;
  return <View {...props} />;
}
