import type { WorkPanelProps } from './WorkView';

/** Replaced by the backup feature (issue #6): restoring a JSON backup, shown in the 导入 panel. */
export function BackupRestore(_props: WorkPanelProps) {
  return null;
}
