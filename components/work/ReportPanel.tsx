import type { WorkPanelProps } from './WorkView';

/** Replaced by the Report feature (issue #6). */
export function ReportPanel({ lang }: WorkPanelProps) {
  return <div className="card small muted">{lang === 'zh' ? '建设中' : 'Under construction'}</div>;
}
