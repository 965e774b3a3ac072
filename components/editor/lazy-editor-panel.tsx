'use client';
// The editor panel and its toolbar toggle. Monaco is heavy: its code loads only when the panel first opens.
import dynamic from 'next/dynamic';
import type { Lang } from '../i18n/lang';
import { useLessonSession } from '../session/lesson-session';
import { EditIcon, Spinner } from '../ui/icons';
import { ToolbarButton } from '../ui/toolbar-button';
import styles from './editor-panel.module.css';
import { editorStringsFor } from './editor-strings';

const EditorPanel = dynamic(() => import('./editor-panel'), {
  ssr: false,
  loading: () => (
    <div className={styles.panel}>
      <p className={styles.status} role="status">
        <Spinner /> …
      </p>
    </div>
  ),
});

export function EditorToggle({
  lang,
  open,
  controls,
  onToggle,
}: {
  lang: Lang;
  open: boolean;
  controls: string;
  onToggle: () => void;
}) {
  const t = editorStringsFor(lang);
  return (
    <ToolbarButton
      tone="toggle"
      icon={<EditIcon />}
      label={t.editor}
      aria-expanded={open}
      aria-controls={controls}
      title={open ? t.hideEditor : t.showEditor}
      onClick={onToggle}
      data-testid="editor-toggle"
    />
  );
}

// Stays mounted once opened (hidden when closed), so closing the panel never drops unsaved text.
export function LazyEditorPanel(props: {
  id: string;
  sandboxId: string;
  node: string;
  lang: Lang;
  open: boolean;
}) {
  const { editorPath } = useLessonSession();
  return (
    <div id={props.id} hidden={!props.open} className={styles.slot}>
      <EditorPanel sandboxId={props.sandboxId} node={props.node} lang={props.lang} startPath={editorPath} />
    </div>
  );
}
