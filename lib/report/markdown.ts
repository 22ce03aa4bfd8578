/** 日报 / 周报 as DingTalk-friendly Markdown: headings, bold numbers, lists (no wide tables). */
import { escapeMarkdown as md } from './escape';
import { comparisons, fmt, formatChange, L } from './labels';
import type { Report } from './types';

export function reportMarkdown(r: Report): string {
  const w = L[r.lang];
  const out: string[] = [];
  out.push(`### ${md(r.title)}`);
  out.push(`**${w.headline}**：${md(r.headline)}`, '');
  out.push(`#### ${w.numbers}`);
  for (const n of r.numbers) {
    const cmp = comparisons(n, r.kind, r.lang)
      .map((c) => `${c.label} ${c.text}`)
      .join('，');
    const partial = n.days < n.length ? w.partial(n.days, n.length) : '';
    out.push(`- ${md(n.label)} **${fmt(n.value, n.unit, r.lang)}**${partial}　${cmp}`);
  }
  out.push('', `#### ${w.movers}`);
  if (!r.movers.length) out.push(`- ${w.noMovers}`);
  for (const m of r.movers)
    out.push(
      `- ${md(m.kindLabel)}·${md(m.metricLabel)}${r.kind === 'weekly' ? `（${w.perDay}）` : ''}：${md(m.name)} ${fmt(m.previous, m.unit, r.lang)} → **${fmt(m.current, m.unit, r.lang)}**（${formatChange(m.changePct)}）`,
    );
  out.push('', `#### ${w.problems}`);
  if (!r.problems.length) out.push(`- ${w.noProblems}`);
  for (const g of r.problems) {
    out.push(`##### ${md(g.areaLabel)}（${g.items.length}）`);
    for (const p of g.items) {
      out.push(`- **${p.severity}** ${md(p.title)}：${md(p.detail)}`);
      if (p.suggestion) out.push(`  ${w.suggestion}：${md(p.suggestion)}`);
    }
  }
  out.push('', `#### ${w.actions}`);
  if (!r.actions.length) out.push(`- ${w.noActions}`);
  for (const a of r.actions) {
    const note = a.note ? `（${w.note}：${md(a.note)}）` : '';
    out.push(
      `- ${a.date} ${md(a.kindLabel)} · ${md(a.entity)}${note} · ${a.why === 'logged' ? w.logged : w.review}：**${md(a.verdictLabel)}** ${md(a.summary)}`,
    );
  }
  out.push('', `#### ${w.tasks}`, `- ${w.tasksLine(r.tasks.open, r.tasks.overdue, r.tasks.doneInPeriod)}`);
  out.push('', `#### ${w.gaps}`);
  if (!r.gaps.missingDays.length) out.push(`- ${w.noGaps}`);
  else {
    for (const n of r.gaps.notes) out.push(`- ${md(n)}`);
    out.push(`- ${r.gaps.missingDays.join('、')}`);
  }
  out.push('', `> ${w.legend}`);
  return out.join('\n');
}
