// Copies text for the learner: the Clipboard API where the page may use it (HTTPS or localhost), else the
// old select-and-copy on the element that shows it, as a school's plain-HTTP address on the LAN needs.
export async function copyText(text: string, shown: HTMLElement | null): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (permissions, focus): fall through to the selection.
    }
  }
  if (!shown) return false;
  const range = document.createRange();
  range.selectNodeContents(shown);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  try {
    // Deprecated, yet the only copy that works without a secure context; the text stays selected either way.
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
