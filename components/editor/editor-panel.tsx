'use client';
// The file editor under the terminal: open a path on the node, edit it in monaco, save it back.
// Monaco is served from our own origin (/monaco/vs, copied at build time), never from a CDN.
import Editor, { loader, type OnMount } from '@monaco-editor/react';
import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { berthApi, isApiError } from '../api/berth-api';
import type { Lang } from '../i18n/lang';
import { CheckIcon, Spinner } from '../ui/icons';
import a11y from '../ui/sr-only.module.css';
import styles from './editor-panel.module.css';
import { editorStringsFor } from './editor-strings';
import { fileLanguage } from './file-language';

loader.config({ paths: { vs: '/monaco/vs' } });

/** Where the editor opens when the lesson names no path of its own (lesson.yaml `editor.path`). */
export const DEFAULT_EDITOR_PATH = '/root';

type Status =
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string };

type Opened =
  | { type: 'file'; path: string; isNew: boolean }
  | { type: 'directory'; path: string; entries: { name: string; type: string }[] };

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function messageOf(e: unknown): string {
  return isApiError(e) ? e.message : String(e);
}

export default function EditorPanel({
  sandboxId,
  node,
  lang,
  startPath = DEFAULT_EDITOR_PATH,
}: {
  sandboxId: string;
  node: string;
  lang: Lang;
  /** The lesson's working path (a file or a folder). */
  startPath?: string;
}) {
  const t = editorStringsFor(lang);
  const [pathField, setPathField] = useState(startPath);
  const [opened, setOpened] = useState<Opened | undefined>();
  const [content, setContent] = useState('');
  const [savedContent, setSavedContent] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  // Monaco owns the text while typing (uncontrolled): feeding React state back as `value` would replace
  // the model with a stale copy when keys arrive faster than renders, dropping characters.
  const editorRef = useRef<Parameters<OnMount>[0] | undefined>(undefined);
  const showText = useCallback((text: string) => {
    setContent(text);
    setSavedContent(text);
    if (editorRef.current && editorRef.current.getValue() !== text) editorRef.current.setValue(text);
  }, []);
  const dirty = opened?.type === 'file' && content !== savedContent;

  const open = useCallback(
    async (path: string) => {
      setStatus({ kind: 'loading' });
      setPathField(path);
      try {
        const file = await berthApi.readFile(sandboxId, node, path);
        if (file.type === 'directory') {
          setOpened({ type: 'directory', path: file.path, entries: file.entries });
        } else {
          setOpened({ type: 'file', path: file.path, isNew: false });
          showText(file.content);
        }
        setPathField(file.path);
        setStatus({ kind: 'ready' });
      } catch (e) {
        // A path that does not exist yet opens as a new, empty file: saving creates it and its folders.
        if (isApiError(e) && e.code === 'not_found') {
          setOpened({ type: 'file', path, isNew: true });
          showText('');
          setStatus({ kind: 'ready' });
        } else {
          setStatus({ kind: 'error', message: messageOf(e) });
        }
      }
    },
    [sandboxId, node, showText],
  );

  // The first open only: later renders keep whatever the learner opened since.
  const firstPath = useRef(startPath);
  useEffect(() => {
    void open(firstPath.current);
  }, [open]);

  // Read through a ref so monaco's Ctrl-S command (bound once) always saves the latest text.
  const latest = useRef({ opened, content, status });
  latest.current = { opened, content, status };
  const saving = useRef(false);
  const save = useCallback(async () => {
    const { opened: file, status: now } = latest.current;
    // The model, not React state: right after fast typing, the last onChange may not have rendered yet.
    const text = editorRef.current?.getValue() ?? latest.current.content;
    // The ref, not state, guards re-entry: Ctrl-S can reach both monaco and the panel in one tick.
    if (file?.type !== 'file' || now.kind === 'loading' || saving.current) return;
    saving.current = true;
    setStatus({ kind: 'saving' });
    try {
      await berthApi.writeFile(sandboxId, node, file.path, text);
      setContent(text);
      setSavedContent(text);
      setOpened({ ...file, isNew: false });
      setStatus({ kind: 'ready' });
    } catch (e) {
      setStatus({ kind: 'error', message: messageOf(e) });
    } finally {
      saving.current = false;
    }
  }, [sandboxId, node]);

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    if (editor.getValue() !== latest.current.content) editor.setValue(latest.current.content);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void save());
  };

  function requestOpen(path: string) {
    if (dirty && !window.confirm(t.discard)) return;
    void open(path);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const path = pathField.trim();
    if (path) requestOpen(path);
  }

  // Ctrl/Cmd-S anywhere in the panel saves instead of opening the browser's "save page".
  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    }
  }

  const fieldId = `editor-path-${node}`;
  let statusText: string;
  if (status.kind === 'loading') statusText = t.loading;
  else if (status.kind === 'saving') statusText = t.saving;
  else if (status.kind === 'error') statusText = status.message;
  else if (opened?.type === 'directory') statusText = t.folder(opened.entries.length);
  else if (dirty) statusText = t.unsaved;
  else if (opened?.type === 'file' && opened.isNew) statusText = t.newFile;
  else statusText = t.saved;
  const state =
    status.kind === 'error' ? 'error' : dirty ? 'unsaved' : status.kind === 'ready' ? 'saved' : status.kind;

  return (
    <section className={styles.panel} aria-label={t.panelLabel(node)} onKeyDown={onKeyDown}>
      <form className={styles.bar} onSubmit={onSubmit}>
        <label htmlFor={fieldId} className={a11y.srOnly}>
          {t.pathLabel}
        </label>
        <button
          type="button"
          className={styles.barButton}
          onClick={() => opened && requestOpen(parentOf(opened.path))}
          disabled={!opened || opened.path === '/'}
          title={t.up}
          aria-label={t.up}
        >
          ..
        </button>
        <input
          id={fieldId}
          className={styles.path}
          value={pathField}
          onChange={(e) => setPathField(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          data-testid="editor-path"
        />
        <button type="submit" className={styles.barButton}>
          {t.open}
        </button>
        <button
          type="button"
          className={`${styles.barButton} ${styles.save}`}
          onClick={() => void save()}
          disabled={opened?.type !== 'file' || status.kind === 'saving' || status.kind === 'loading'}
          title={t.saveHint}
          data-testid="editor-save"
        >
          {status.kind === 'saving' ? <Spinner /> : null}
          {t.save}
        </button>
      </form>
      <p
        className={styles.status}
        data-state={state}
        data-testid="editor-status"
        role={status.kind === 'error' ? 'alert' : 'status'}
      >
        {state === 'saved' && opened?.type === 'file' && !opened.isNew ? <CheckIcon /> : null}
        <span>{statusText}</span>
        <span className={styles.hint}>{t.saveHint}</span>
      </p>
      {opened?.type === 'file' && opened.isNew && status.kind === 'ready' && (
        <p className={styles.empty} data-testid="editor-missing">
          {t.missingFile(opened.path)}
        </p>
      )}
      {opened?.type === 'directory' && (
        <ul className={styles.entries}>
          {opened.entries.length === 0 && <li className={styles.empty}>{t.emptyFolder}</li>}
          {opened.entries.map((entry) => (
            <li key={entry.name}>
              <button
                type="button"
                className={styles.entry}
                onClick={() => requestOpen(`${opened.path === '/' ? '' : opened.path}/${entry.name}`)}
              >
                {entry.name}
                {entry.type === 'directory' ? '/' : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Always mounted (hidden while a folder is listed), so monaco and its undo history survive. */}
      <div
        className={styles.editor}
        data-testid="editor"
        data-path={opened?.path}
        hidden={opened?.type === 'directory'}
      >
        <Editor
          theme="vs-dark"
          language={fileLanguage(opened?.path ?? startPath)}
          defaultValue={content}
          onChange={(v) => setContent(v ?? '')}
          onMount={onMount}
          loading={<span className={styles.loadingEditor}>{t.loadingEditor}</span>}
          options={{
            minimap: { enabled: false },
            fontSize: 13,
            scrollBeyondLastLine: false,
            automaticLayout: true,
            readOnly: status.kind === 'loading',
            ariaLabel: opened?.path ?? startPath,
          }}
        />
      </div>
    </section>
  );
}
