/** 日报 / 周报 as plain text for WeChat (no markup; 【】 headings, • items). */
import { plain } from './escape';
import { comparisons, fmt, formatChange, L } from './labels';
import type { Report } from './types';

export function reportText(r: Report): string {
  const w = L[r.lang];
  const out: string[] = [];
  out.push(`【${plain(r.title)}】`);
  out.push(`${w.headline}：${plain(r.headline)}`, '');
  out.push(`【${w.numbers}】`);
  for (const n of r.numbers) {
    const cmp = comparisons(n, r.kind, r.lang)
      .map((c) => `${c.label} ${c.text}`)
      .join('，');
    const partial = n.days < n.length ? w.partial(n.days, n.length) : '';
    out.push(`• ${plain(n.label)}：${fmt(n.value, n.unit, r.lang)}${partial}（${cmp}）`);
  }
  out.push('', `【${w.movers}】`);
  if (!r.movers.length) out.push(`• ${w.noMovers}`);
  for (const m of r.movers)
    out.push(
      `• ${plain(m.kindLabel)}·${plain(m.metricLabel)}${r.kind === 'weekly' ? `（${w.perDay}）` : ''}：${plain(m.name)} ${fmt(m.previous, m.unit, r.lang)} → ${fmt(m.current, m.unit, r.lang)}（${formatChange(m.changePct)}）`,
    );
  out.push('', `【${w.problems}】`);
  if (!r.problems.length) out.push(`• ${w.noProblems}`);
  for (const g of r.problems) {
    out.push(`${plain(g.areaLabel)}（${g.items.length}）`);
    for (const p of g.items) {
      out.push(`• [${p.severity}] ${plain(p.title)}：${plain(p.detail)}`);
      if (p.suggestion) out.push(`  ${w.suggestion}：${plain(p.suggestion)}`);
    }
  }
  out.push('', `【${w.actions}】`);
  if (!r.actions.length) out.push(`• ${w.noActions}`);
  for (const a of r.actions) {
    const note = a.note ? `（${w.note}：${plain(a.note)}）` : '';
    out.push(
      `• ${a.date} ${plain(a.kindLabel)} · ${plain(a.entity)}${note} · ${a.why === 'logged' ? w.logged : w.review}：${plain(a.verdictLabel)}。${plain(a.summary)}`,
    );
  }
  out.push('', `【${w.tasks}】`, w.tasksLine(r.tasks.open, r.tasks.overdue, r.tasks.doneInPeriod));
  out.push('', `【${w.gaps}】`);
  if (!r.gaps.missingDays.length) out.push(w.noGaps);
  else {
    for (const n of r.gaps.notes) out.push(plain(n));
    out.push(r.gaps.missingDays.join('、'));
  }
  out.push('', w.legend);
  return out.join('\n');
}
