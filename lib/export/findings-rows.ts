import { formatByUnit, formatChange, formatCount, formatDays, formatHours, formatMoney, formatRate, formatSeconds, type Lang } from '../format';
import { AREA_LABELS, SEVERITY_LABELS } from '../i18n';
import type { Evidence, Finding } from '../schema/finding';
import type { Cell } from './csv';
import { ENTITY_KIND_LABELS } from './labels';

export const FINDINGS_SHEET = { zh: '诊断', en: 'Findings' };

export function findingsHeader(lang: Lang): string[] {
  return lang === 'zh'
    ? ['店铺', '严重度', '领域', '标题', '对象', '周期', '证据', '建议']
    : ['Shop', 'Severity', 'Area', 'Title', 'Entity', 'Period', 'Evidence', 'Suggestion'];
}

export function evidenceValue(e: Evidence, lang: Lang): string {
  const v = e.value;
  switch (e.format) {
    case 'CNY':
      return formatMoney(v, lang);
    case 'count':
      return formatCount(v, lang);
    case 'ratio':
      return formatRate(v);
    case 'pct-change':
      return formatChange(v);
    case 'days':
      return formatDays(v, lang);
    case 'seconds':
      return formatSeconds(v, lang);
    case 'hours':
      return formatHours(v, lang);
    case 'z':
      return v === null || !Number.isFinite(v) ? '—' : v.toFixed(1);
    default:
      return formatByUnit(v, 'score', lang);
  }
}

/** One finding as a row of the 诊断 sheet: evidence as "label：value；…", texts in the UI language. */
export function findingRow(f: Finding, shopName: string, lang: Lang): Cell[] {
  const sev = SEVERITY_LABELS[f.severity];
  const entity = f.entity.kind === 'shop' ? (lang === 'zh' ? '全店' : 'Shop') : `${ENTITY_KIND_LABELS[f.entity.kind][lang]}：${f.entity.name ?? f.entity.id}`;
  const sep = lang === 'zh' ? '；' : '; ';
  const colon = lang === 'zh' ? '：' : ': ';
  return [
    shopName,
    `${f.severity} ${sev[lang]}`,
    AREA_LABELS[f.area][lang],
    f.title[lang],
    entity,
    f.period.from === f.period.to ? f.period.from : `${f.period.from} ~ ${f.period.to}`,
    f.evidence.map((e) => `${e.label[lang]}${colon}${evidenceValue(e, lang)}`).join(sep),
    f.suggestion[lang],
  ];
}
