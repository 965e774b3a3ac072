'use client';
// Which node's terminal is shown: the node's name alone, or one tab per node (arrow keys, Home, End).
import { type KeyboardEvent, useRef } from 'react';
import styles from './node-tabs.module.css';

export function NodeTabs({
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
      <span className={styles.label}>
        <span className={styles.dot} aria-hidden="true" />
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
    <div className={styles.tabs} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
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
          className={styles.tab}
          onClick={() => onSelect(node)}
        >
          {node}
        </button>
      ))}
    </div>
  );
}
