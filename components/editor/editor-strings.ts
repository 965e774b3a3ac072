import type { Lang } from '../i18n/lang';

// The editor panel's words in both course languages.
const en = {
  editor: 'Editor',
  showEditor: 'Show the file editor',
  hideEditor: 'Hide the file editor',
  panelLabel: (node: string) => `File editor on ${node}`,
  pathLabel: 'File path',
  open: 'Open',
  up: 'Parent folder',
  save: 'Save',
  saveHint: 'Ctrl/⌘-S saves',
  loading: 'Opening…',
  loadingEditor: 'Loading the editor…',
  saving: 'Saving…',
  saved: 'Saved',
  unsaved: 'Unsaved changes',
  newFile: 'New file — not saved yet',
  folder: (n: number) => `${n} item${n === 1 ? '' : 's'} — pick a file or type a path`,
  discard: 'This file has unsaved changes. Open another one anyway?',
  emptyFolder: 'This folder is empty.',
  missingFile: (path: string) =>
    `${path} does not exist yet. Write it below and press Save: the file and its folders are created.`,
};
export type EditorStrings = typeof en;

const zh: EditorStrings = {
  editor: '编辑器',
  showEditor: '显示文件编辑器',
  hideEditor: '隐藏文件编辑器',
  panelLabel: (node) => `${node} 上的文件编辑器`,
  pathLabel: '文件路径',
  open: '打开',
  up: '上级目录',
  save: '保存',
  saveHint: 'Ctrl/⌘-S 保存',
  loading: '正在打开…',
  loadingEditor: '正在加载编辑器…',
  saving: '正在保存…',
  saved: '已保存',
  unsaved: '有未保存的修改',
  newFile: '新文件——尚未保存',
  folder: (n) => `${n} 项——选择一个文件或输入路径`,
  discard: '此文件有未保存的修改。仍要打开另一个文件吗？',
  emptyFolder: '此文件夹是空的。',
  missingFile: (path) => `${path} 还不存在。在下面写好内容后点“保存”，文件和它所在的文件夹会一并创建。`,
};

export function editorStringsFor(lang: Lang): EditorStrings {
  return lang === 'zh' ? zh : en;
}
