/**
 * 日报 / 周报 as one standalone printable HTML document: inline CSS, inline SVG charts, no script,
 * every string escaped (item titles and notes may contain HTML).
 */
import { escapeHtml as h } from './escape';
import { fmt, formatChange, L } from './labels';
import type { Report, TrendLine } from './types';

const W = 640;
const H = 200;
const PAD = { l: 64, r: 12, t: 14, b: 26 };

function pathOf(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/** A line chart of the period with the previous period dashed, as SVG markup. */
export function trendSvg(t: TrendLine, lang: Report['lang']): string {
  const w = L[lang];
  const cur = t.current.map((p) => p.value);
  const prev = t.previous.map((p) => p.value);
  const all = [...cur, ...prev].filter((v): v is number => v !== null);
  const n = Math.max(cur.length, 1);
  const title = `${t.label} · ${w.trend}`;
  if (!all.length) return `<p class="muted">${h(title)}：—</p>`;
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) {
    lo = lo * 0.9;
    hi = hi * 1.1 || 1;
  }
  const span = hi - lo;
  lo = Math.max(0, lo - span * 0.08);
  hi = hi + span * 0.08;
  const x = (i: number) => PAD.l + (n === 1 ? (W - PAD.l - PAD.r) / 2 : (i * (W - PAD.l - PAD.r)) / (n - 1));
  const y = (v: number) => PAD.t + (1 - (v - lo) / (hi - lo)) * (H - PAD.t - PAD.b);
  const dots = n <= 10 ? cur.map((v, i) => (v === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="#ff6a00"/>`)).join('') : '';
  const first = t.current[0]?.date ?? '';
  const last = t.current.at(-1)?.date ?? '';
  return `<figure class="chart">
<figcaption>${h(title)} <span class="key cur">━ ${h(w.current)}</span> <span class="key prev">┅ ${h(w.previous)}</span></figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${h(title)}">
<line x1="${PAD.l}" y1="${PAD.t}" x2="${W - PAD.r}" y2="${PAD.t}" stroke="#eee"/>
<line x1="${PAD.l}" y1="${H - PAD.b}" x2="${W - PAD.r}" y2="${H - PAD.b}" stroke="#ccc"/>
<text x="${PAD.l - 6}" y="${PAD.t + 4}" text-anchor="end" font-size="11" fill="#666">${h(fmt(hi, t.unit, lang))}</text>
<text x="${PAD.l - 6}" y="${H - PAD.b}" text-anchor="end" font-size="11" fill="#666">${h(fmt(lo, t.unit, lang))}</text>
<text x="${PAD.l}" y="${H - 8}" font-size="11" fill="#666">${h(first)}</text>
<text x="${W - PAD.r}" y="${H - 8}" text-anchor="end" font-size="11" fill="#666">${h(last)}</text>
<path d="${pathOf(prev, x, y)}" fill="none" stroke="#9aa3af" stroke-width="1.5" stroke-dasharray="4 3"/>
<path d="${pathOf(cur, x, y)}" fill="none" stroke="#ff6a00" stroke-width="2"/>
${dots}
</svg>
</figure>`;
}

function changeCell(c: number | null): string {
  const cls = c === null || c === 0 ? '' : c > 0 ? 'up' : 'down';
  return `<span class="${cls}">${h(formatChange(c))}</span>`;
}

const CSS = `
*{box-sizing:border-box}
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:#1f2329;margin:0 auto;max-width:760px;padding:24px;line-height:1.55;font-size:14px}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:16px;margin:22px 0 8px;padding-bottom:4px;border-bottom:2px solid #ff6a00}
h3{font-size:14px;margin:12px 0 6px}
.muted{color:#6b7280}
.small{font-size:12px}
.headline{background:#fff7f0;border-left:4px solid #ff6a00;padding:8px 12px;margin:12px 0}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #eceef1;padding:5px 6px;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}
th{font-weight:600;color:#4b5563;background:#f7f8fa}
.up{color:#d4380d}
.down{color:#389e0d}
ul{padding-left:20px;margin:6px 0}
li{margin:3px 0}
.sev{display:inline-block;font-size:11px;font-weight:700;border-radius:3px;padding:0 5px;color:#fff;background:#9aa3af}
.sev.P0{background:#cf1322}.sev.P1{background:#fa541c}.sev.P2{background:#faad14;color:#1f2329}
.verdict{font-weight:700}
.verdict.worked{color:#d4380d}.verdict.worse{color:#389e0d}
.chart{margin:10px 0;page-break-inside:avoid}
.chart figcaption{font-size:12px;color:#4b5563}
.key.cur{color:#ff6a00}.key.prev{color:#9aa3af}
.legend{margin-top:20px;font-size:12px;color:#6b7280}
@media print{body{padding:0;max-width:none;font-size:12px}h2{page-break-after:avoid}section{page-break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

export function reportHtml(r: Report): string {
  const w = L[r.lang];
  const hasYoy = r.numbers.some((n) => n.lastYearChange !== null);
  const heads = [w.prev[r.kind], ...(r.kind === 'daily' ? [w.weekAgo] : []), ...(hasYoy ? [w.lastYear] : [])];
  const numbers = r.numbers
    .map((n) => {
      const cells = [changeCell(n.change), ...(r.kind === 'daily' ? [changeCell(n.weekAgoChange)] : []), ...(hasYoy ? [changeCell(n.lastYearChange)] : [])];
      const partial = n.days < n.length ? `<span class="muted small">${h(w.partial(n.days, n.length))}</span>` : '';
      return `<tr><td>${h(n.label)}</td><td><strong>${h(fmt(n.value, n.unit, r.lang))}</strong>${partial}</td>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const movers = r.movers.length
    ? `<ul>${r.movers
        .map(
          (m) =>
            `<li>${h(m.kindLabel)}·${h(m.metricLabel)}${r.kind === 'weekly' ? `（${h(w.perDay)}）` : ''}：${h(m.name)} ${h(fmt(m.previous, m.unit, r.lang))} → <strong>${h(fmt(m.current, m.unit, r.lang))}</strong> ${changeCell(m.changePct)}</li>`,
        )
        .join('\n')}</ul>`
    : `<p class="muted">${h(w.noMovers)}</p>`;
  const problems = r.problems.length
    ? r.problems
        .map(
          (g) =>
            `<h3>${h(g.areaLabel)}（${g.items.length}）</h3><ul>${g.items
              .map(
                (p) =>
                  `<li><span class="sev ${h(p.severity)}">${h(p.severity)}</span> <strong>${h(p.title)}</strong>：${h(p.detail)}${p.suggestion ? `<br><span class="muted">${h(w.suggestion)}：${h(p.suggestion)}</span>` : ''}</li>`,
              )
              .join('\n')}</ul>`,
        )
        .join('\n')
    : `<p class="muted">${h(w.noProblems)}</p>`;
  const actions = r.actions.length
    ? `<ul>${r.actions
        .map(
          (a) =>
            `<li>${h(a.date)} ${h(a.kindLabel)} · ${h(a.entity)}${a.note ? `（${h(w.note)}：${h(a.note)}）` : ''} · ${h(a.why === 'logged' ? w.logged : w.review)}：<span class="verdict ${h(a.verdict)}">${h(a.verdictLabel)}</span> <span class="small">${h(a.summary)}</span></li>`,
        )
        .join('\n')}</ul>`
    : `<p class="muted">${h(w.noActions)}</p>`;
  const gaps = r.gaps.missingDays.length
    ? `${r.gaps.notes.map((n) => `<p>${h(n)}</p>`).join('')}<p class="small muted">${h(r.gaps.missingDays.join('、'))}</p>`
    : `<p class="muted">${h(w.noGaps)}</p>`;
  const period = r.kind === 'weekly' ? `${r.period.from} ~ ${r.period.to}` : r.date;
  const generated = new Date(r.generatedAt + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return `<!DOCTYPE html>
<html lang="${r.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${h(r.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${h(r.title)}</h1>
<div class="muted small">${h(w.period)}：${h(period)} · ${h(w.generated)} ${h(generated)}</div>
<div class="headline"><strong>${h(w.headline)}：</strong>${h(r.headline)}</div>
<section><h2>${h(w.numbers)}</h2>
<table><thead><tr><th></th><th>${h(w.current)}</th>${heads.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead>
<tbody>
${numbers}
</tbody></table>
${r.trends.map((t) => trendSvg(t, r.lang)).join('\n')}
</section>
<section><h2>${h(w.movers)}</h2>${movers}</section>
<section><h2>${h(w.problems)}</h2>${problems}</section>
<section><h2>${h(w.actions)}</h2>${actions}</section>
<section><h2>${h(w.tasks)}</h2><p>${h(w.tasksLine(r.tasks.open, r.tasks.overdue, r.tasks.doneInPeriod))}</p></section>
<section><h2>${h(w.gaps)}</h2>${gaps}</section>
<p class="legend">${h(w.legend)}</p>
</body>
</html>
`;
}
