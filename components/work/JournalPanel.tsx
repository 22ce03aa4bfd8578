import type { WorkPanelProps } from './WorkView';

/** Replaced by the Journal feature (issue #6). */
export function JournalPanel({ lang }: WorkPanelProps) {
  return <div className="card small muted">{lang === 'zh' ? '建设中' : 'Under construction'}</div>;
}
