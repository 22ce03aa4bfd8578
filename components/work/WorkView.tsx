import { useState } from 'react';
import type { Lang } from '@/lib/format';
import type { Shop } from '@/lib/schema/shop';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { JournalPanel } from './JournalPanel';
import { ReportPanel } from './ReportPanel';
import { TasksPanel } from './TasksPanel';

/** What every panel of the 数据与协作 view gets. */
export interface WorkPanelProps {
  /** The shop the side panel shows (null when nothing is captured yet: import still works). */
  shopId: string | null;
  shops: Shop[];
  lang: Lang;
  /** Business date of the newest closed day stored for the shop, if any. */
  asOf: string | null;
}

export const WORK_TABS = ['export', 'import', 'report', 'journal', 'tasks'] as const;
export type WorkTab = (typeof WORK_TABS)[number];

const LABELS: Record<WorkTab, { zh: string; en: string }> = {
  export: { zh: '导出', en: 'Export' },
  import: { zh: '导入', en: 'Import' },
  report: { zh: '日报/周报', en: 'Reports' },
  journal: { zh: '操作日志', en: 'Action log' },
  tasks: { zh: '任务', en: 'Tasks' },
};

export function WorkView(props: WorkPanelProps & { initial?: WorkTab }) {
  const [tab, setTab] = useState<WorkTab>(props.initial ?? 'export');
  const { lang } = props;
  return (
    <div className="work-view" data-testid="work-view">
      <div className="tabs sub" role="tablist" aria-label={lang === 'zh' ? '数据与协作' : 'Data and team'}>
        {WORK_TABS.map((w) => (
          <button key={w} type="button" role="tab" aria-selected={tab === w} data-work-tab={w} onClick={() => setTab(w)}>
            {LABELS[w][lang]}
          </button>
        ))}
      </div>
      <div role="tabpanel" data-testid={`work-${tab}`}>
        {tab === 'export' ? <ExportPanel {...props} /> : null}
        {tab === 'import' ? <ImportPanel {...props} /> : null}
        {tab === 'report' ? <ReportPanel {...props} /> : null}
        {tab === 'journal' ? <JournalPanel {...props} /> : null}
        {tab === 'tasks' ? <TasksPanel {...props} /> : null}
      </div>
    </div>
  );
}
