import { type Lang, SEVERITY_LABELS } from '@/lib/i18n';
import type { Severity } from '@/lib/schema/finding';

export function SeverityBadge({ severity, lang }: { severity: Severity; lang: Lang }) {
  const s = SEVERITY_LABELS[severity];
  return (
    <span className={`sev sev-${severity}`}>
      <span aria-hidden="true">{s.icon}</span>
      {severity} {s[lang]}
    </span>
  );
}
