/** Escaping for text that came from pages, files or the operator (item titles may hold HTML). */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * Markdown (DingTalk / Feishu): characters that start markup or HTML become their full-width
 * look-alikes (DingTalk's renderer does not honour every backslash escape), line breaks spaces.
 */
const MD: Record<string, string> = { '*': '＊', _: '＿', '`': '｀', '[': '［', ']': '］', '<': '＜', '>': '＞', '#': '＃', '|': '｜', '\\': '＼', '~': '～' };

export function escapeMarkdown(s: string): string {
  return String(s)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[*_`[\]<>#|\\~]/g, (c) => MD[c] ?? c);
}

/** Plain text (WeChat): only line breaks are folded. */
export function plain(s: string): string {
  return String(s).replace(/[\r\n]+/g, ' ');
}
