/**
 * 日报 / 周报: `reportMarkdown(await buildReport(db, { shopId, kind, date, lang }))` is what a
 * webhook sends; `reportText` for WeChat, `reportHtml` for print / export.
 */
export { type BuildReportOptions, buildReport, ReportError } from './build';
export { escapeHtml, escapeMarkdown } from './escape';
export { reportHtml, trendSvg } from './html';
export { reportMarkdown } from './markdown';
export { reportText } from './text';
export type * from './types';
