/**
 * Rendering of one annotation next to its anchor: a zero-size inline host (it adds nothing to the
 * table's intrinsic widths, so the console's columns keep their widths) carrying a shadow root
 * whose content is absolutely positioned. Everything is built with createElement + textContent:
 * captured strings (titles, nicks, finding texts) stay text.
 */
import { formatByUnit, formatChange, formatMoney, formatRate } from '../format';
import type { MetricUnit } from '../metrics/types';
import { HOST_TAG } from './anchor';
import type { AdAnnotation, AgentAnnotation, Annotation, Badge, ItemAnnotation, KpiAnnotation, Lang, Text } from './types';

const L = {
  vsBase: { zh: '较近4周同星期', en: 'vs same weekday (4 wk)' },
  base: { zh: '基线', en: 'Baseline' },
  weeks: { zh: '周', en: 'wk' },
  fewer: { zh: '（样本不足 4 周）', en: ' (fewer than 4 weeks)' },
  prevDay: { zh: '（无同星期数据，按前一日）', en: ' (no same weekday: previous day)' },
  noBase: { zh: '数据不足', en: 'Not enough data' },
  spark: { zh: '近30天', en: 'Last 30 days' },
  history: { zh: '商品历史（已采集的日期）', en: 'Item history (captured days)' },
  payAmt: { zh: '支付金额', en: 'Payment' },
  uv: { zh: '访客数', en: 'Visitors' },
  payRate: { zh: '支付转化率', en: 'Conversion' },
  cartCost: { zh: '加购成本', en: 'Cost per cart' },
  roi: { zh: '投产比', en: 'ROI' },
  breakEven: { zh: '保本ROI', en: 'Break-even ROI' },
  margin: { zh: '毛利率', en: 'gross margin' },
  assumed: { zh: '默认假设', en: 'assumed' },
  budget: { zh: '预算进度', en: 'Budget used' },
  budgetUnknown: { zh: '未采集到日预算', en: 'daily budget not captured' },
  last7: { zh: '近7天', en: 'Last 7 days' },
  rank: { zh: '询单转化 第', en: 'Inquiry conv. #' },
  rankTip: {
    zh: '按询单转化率排名（向团队均值收缩，小样本不会排到最前）',
    en: 'Ranked by inquiry conversion, shrunk towards the team rate so small samples do not top',
  },
  raw: { zh: '原始', en: 'raw' },
  inquiries: { zh: '询单', en: 'inquiries' },
  team: { zh: '团队', en: 'team' },
  by: { zh: '运营雷达', en: 'OpsRadar' },
} satisfies Record<string, Text>;

const CSS = `
:host{all:initial}
.box{position:absolute;left:6px;top:0;transform:translateY(-50%);display:flex;gap:3px;align-items:center;white-space:nowrap;z-index:1;
  font:11px/16px "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#333;pointer-events:auto}
.chip{display:inline-flex;align-items:center;gap:2px;padding:0 5px;border-radius:8px;border:1px solid #d6dbe6;background:#fff;height:16px;box-sizing:border-box;cursor:default}
.chip.good{border-color:#adc6ff;background:#f0f5ff;color:#1d39c4}
.chip.warn{border-color:#ffd591;background:#fff7e6;color:#ad4e00}
.chip.bad{border-color:#d3adf7;background:#f9f0ff;color:#531dab;font-weight:600}
.chip.derived{border-style:dashed;color:#555}
.up{color:#f5222d}.down{color:#389e0d}.flat{color:#888}
.delta{font-weight:600}
svg.spark{display:block}
.pop{display:none;position:absolute;left:0;top:18px;min-width:220px;background:#fff;border:1px solid #d6dbe6;border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.15);
  padding:8px 10px;color:#333;font-size:12px;line-height:18px;white-space:nowrap}
.box:hover,.box:focus-within{z-index:999}
.box:hover .pop,.box:focus-within .pop{display:block}
.box.kpi{flex-direction:column;align-items:flex-start;gap:1px;line-height:11px;font-size:10px}
.pop h4{margin:0 0 4px;font-size:12px;font-weight:600}
.pop .row{display:flex;justify-content:space-between;gap:12px}
.pop .muted{color:#888}
.legend{display:flex;gap:10px;font-size:11px;margin-top:4px}.legend i{display:inline-block;width:10px;height:2px;vertical-align:middle;margin-right:3px}
.tag{color:#888;font-size:10px}
`;

let sheet: CSSStyleSheet | null | undefined;
/** One constructed stylesheet shared by every shadow root (200 rows = one parse); <style> fallback. */
function styleInto(root: ShadowRoot): void {
  try {
    if (sheet === undefined) {
      sheet = null;
      if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in root) {
        const s = new CSSStyleSheet();
        s.replaceSync(CSS);
        sheet = s;
      }
    }
    if (sheet) {
      root.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    sheet = null;
  }
  const st = root.ownerDocument.createElement('style');
  st.textContent = CSS;
  root.appendChild(st);
}

type El = HTMLElement;
function el(doc: Document, tag: string, cls?: string, text?: string): El {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function chip(doc: Document, b: Badge, lang: Lang): El {
  const c = el(doc, 'span', `chip ${b.tone}`, b.label[lang]);
  c.setAttribute('title', b.tip[lang]);
  c.dataset.badge = b.id;
  return c;
}

const SVG = 'http://www.w3.org/2000/svg';
function sparkline(doc: Document, values: (number | null)[], w = 40, h = 14): Element {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(h));
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length >= 2) {
    const min = Math.min(...nums);
    const max = Math.max(...nums);
    const span = max - min || 1;
    const step = values.length > 1 ? (w - 2) / (values.length - 1) : 0;
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      const x = 1 + i * step;
      const y = h - 1 - ((v - min) / span) * (h - 2);
      d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
      pen = true;
    });
    const path = doc.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', '#1a66ff');
    path.setAttribute('stroke-width', '1.2');
    svg.appendChild(path);
  }
  return svg;
}

function kpi(doc: Document, box: El, a: KpiAnnotation, lang: Lang): void {
  const unit = a.unit as MetricUnit;
  const cls = a.delta === null ? 'flat' : a.delta > 0 ? 'up' : a.delta < 0 ? 'down' : 'flat';
  const d = el(doc, 'span', `delta ${cls}`, a.delta === null ? L.noBase[lang] : formatChange(a.delta));
  d.dataset.part = 'delta';
  const note = a.fallback === 'fewer-weeks' ? L.fewer[lang] : a.fallback === 'previous-day' ? L.prevDay[lang] : '';
  const tip = `${L.vsBase[lang]}: ${formatByUnit(a.value, unit, lang)} / ${L.base[lang]} ${formatByUnit(a.base, unit, lang)}${a.baseN ? ` (n=${a.baseN})` : ''}${note}\n${L.spark[lang]} · ${L.by[lang]}`;
  box.setAttribute('title', tip);
  box.appendChild(d);
  const s = sparkline(doc, a.spark, 36, 11);
  (s as Element).setAttribute('data-part', 'spark');
  box.appendChild(s);
}

/** Keepa-style history: 支付金额 / 访客数 / 支付转化率 each scaled to its own range, drawn on a canvas. */
export function drawHistory(canvas: HTMLCanvasElement, h: ItemAnnotation['history']): boolean {
  const ctx = canvas.getContext?.('2d');
  if (!ctx) return false;
  const W = canvas.width;
  const H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  ctx.strokeStyle = '#eef0f4';
  ctx.lineWidth = 1;
  for (let i = 0; i <= 4; i++) {
    const y = 4 + ((H - 20) * i) / 4;
    ctx.beginPath();
    ctx.moveTo(0, y);
    ctx.lineTo(W, y);
    ctx.stroke();
  }
  const n = h.dates.length;
  const x = (i: number) => (n > 1 ? 4 + ((W - 8) * i) / (n - 1) : W / 2);
  const line = (vals: (number | null)[], color: string, dash: number[]) => {
    const nums = vals.filter((v): v is number => v !== null);
    if (!nums.length) return;
    const max = Math.max(...nums) || 1;
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.setLineDash?.(dash);
    ctx.beginPath();
    let pen = false;
    vals.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      const y = 4 + (H - 20) * (1 - v / max);
      if (pen) ctx.lineTo(x(i), y);
      else ctx.moveTo(x(i), y);
      pen = true;
    });
    ctx.stroke();
    ctx.setLineDash?.([]);
  };
  line(h.payAmt, '#1a66ff', []);
  line(h.uv, '#faad14', []);
  line(h.payRate, '#13a8a8', [4, 3]);
  ctx.fillStyle = '#888';
  ctx.font = '10px sans-serif';
  if (n) {
    ctx.fillText((h.dates[0] ?? '').slice(5), 2, H - 4);
    const last = (h.dates[n - 1] ?? '').slice(5);
    ctx.fillText(last, W - 4 - ctx.measureText(last).width, H - 4);
  }
  return true;
}

function item(doc: Document, box: El, a: ItemAnnotation, lang: Lang): void {
  for (const b of a.badges) box.appendChild(chip(doc, b, lang));
  const h = a.history;
  if (h.dates.length === 0) return;
  // The hover target is the item's own 支付金额 sparkline (the chart opens from it).
  const icon = el(doc, 'span', 'chip derived');
  icon.setAttribute('tabindex', '0');
  icon.dataset.part = 'history';
  icon.appendChild(sparkline(doc, h.payAmt.slice(-30), 30, 10));
  box.appendChild(icon);
  // The popover (canvas, legend) is built on first hover or focus: 200 rows never pay for 200
  // charts nobody looks at.
  let built = false;
  const open = () => {
    if (built) return;
    built = true;
    const pop = el(doc, 'div', 'pop');
    pop.appendChild(el(doc, 'h4', '', L.history[lang]));
    const canvas = doc.createElement('canvas');
    canvas.width = 300;
    canvas.height = 120;
    canvas.dataset.part = 'chart';
    pop.appendChild(canvas);
    const lastOf = (v: (number | null)[]) => [...v].reverse().find((x) => x !== null) ?? null;
    const legend = el(doc, 'div', 'legend');
    const entry = (label: Text, color: string, value: string) => {
      const s = el(doc, 'span');
      const i = el(doc, 'i');
      i.style.background = color;
      s.append(i, `${label[lang]} ${value}`);
      legend.appendChild(s);
    };
    entry(L.payAmt, '#1a66ff', formatMoney(lastOf(h.payAmt), lang));
    entry(L.uv, '#faad14', String(lastOf(h.uv) ?? '—'));
    entry(L.payRate, '#13a8a8', formatRate(lastOf(h.payRate)));
    pop.appendChild(legend);
    pop.appendChild(el(doc, 'div', 'muted', `${h.dates[0]} ~ ${h.dates[h.dates.length - 1]} · ${h.dates.length} ${lang === 'zh' ? '天' : 'days'}`));
    box.appendChild(pop);
    drawHistory(canvas, h);
  };
  box.addEventListener('mouseenter', open);
  box.addEventListener('focusin', open);
}

function ad(doc: Document, box: El, a: AdAnnotation, lang: Lang): void {
  for (const b of a.flags) box.appendChild(chip(doc, b, lang));
  const d = el(doc, 'span', 'chip derived', `${L.cartCost[lang]} ${formatMoney(a.cartCost, lang)}`);
  d.dataset.part = 'derived';
  d.setAttribute('tabindex', '0');
  box.appendChild(d);
  const pop = el(doc, 'div', 'pop');
  pop.appendChild(el(doc, 'h4', '', `${L.last7[lang]} ${a.window.from} ~ ${a.window.to}`));
  const row = (k: string, v: string) => {
    const r = el(doc, 'div', 'row');
    r.append(el(doc, 'span', 'muted', k), el(doc, 'span', '', v));
    pop.appendChild(r);
  };
  row(L.roi[lang], a.roi === null ? '—' : a.roi.toFixed(2));
  row(L.breakEven[lang], `${a.breakEvenRoi.toFixed(2)}（${L.margin[lang]} ${Math.round(a.grossMargin * 100)}%${a.marginAssumed ? `，${L.assumed[lang]}` : ''}）`);
  row(L.cartCost[lang], formatMoney(a.cartCost, lang));
  row(L.budget[lang], a.budgetProgress === null ? L.budgetUnknown[lang] : formatRate(a.budgetProgress));
  for (const f of a.flags) pop.appendChild(el(doc, 'div', 'muted', f.tip[lang]));
  box.appendChild(pop);
}

function agent(doc: Document, box: El, a: AgentAnnotation, lang: Lang): void {
  const tone = a.rank <= Math.max(1, Math.ceil(a.of / 4)) ? 'good' : a.rank > a.of - Math.ceil(a.of / 4) ? 'warn' : '';
  const c = el(doc, 'span', `chip ${tone}`, `${L.rank[lang]}${a.rank}/${a.of}`);
  c.dataset.part = 'rank';
  c.setAttribute(
    'title',
    `${L.rankTip[lang]}\n${formatRate(a.shrunk)} (${L.raw[lang]} ${formatRate(a.rate)}, ${L.inquiries[lang]} ${Math.round(a.inquiries)}; ${L.team[lang]} ${formatRate(a.teamRate)})\n${a.window.from} ~ ${a.window.to}`,
  );
  box.appendChild(c);
}

/** A short content signature: an unchanged annotation is not rebuilt. */
/**
 * Identity of the data object: the controller keeps one object per entity until the background
 * sends new data, so an unchanged annotation is not rebuilt (and nothing is serialised per pass).
 */
const sigs = new WeakMap<Annotation, string>();
let seq = 0;
export function signature(a: Annotation, lang: Lang): string {
  let s = sigs.get(a);
  if (s === undefined) {
    s = String(++seq);
    sigs.set(a, s);
  }
  return `${lang}:${s}`;
}

/** Nothing worth showing (an item with no badge and no history, an ad row with nothing derived). */
export function isEmpty(a: Annotation): boolean {
  if (a.type === 'item') return a.badges.length === 0 && a.history.dates.length === 0;
  if (a.type === 'ad') return a.flags.length === 0 && a.cartCost === null && a.roi === null;
  if (a.type === 'kpi') return a.value === null && a.spark.every((v) => v === null);
  return false;
}

export function hostOf(at: Element): HTMLElement | null {
  for (const c of at.children) if (c.tagName.toLowerCase() === HOST_TAG) return c as HTMLElement;
  return null;
}

/**
 * Put (or update, or keep) the annotation of one anchor. Idempotent: one host per anchor element,
 * rebuilt only when the key or the data changed. Returns whether the DOM was touched.
 */
export function renderAt(at: Element, key: string, a: Annotation, lang: Lang): boolean {
  const doc = at.ownerDocument;
  const sig = signature(a, lang);
  let host = hostOf(at);
  if (host && host.dataset.key === key && host.dataset.sig === sig) return false;
  let root: ShadowRoot;
  if (!host) {
    host = doc.createElement(HOST_TAG);
    // Zero-size inline box: no width for the table to distribute, content floats over it.
    host.setAttribute('style', 'display:inline-block;position:relative;width:0;height:0;overflow:visible;vertical-align:middle;margin:0;padding:0;border:0');
    root = host.attachShadow({ mode: 'open' });
    styleInto(root);
    at.appendChild(host);
  } else {
    root = host.shadowRoot as ShadowRoot;
    for (const c of [...root.childNodes]) if (c.nodeName.toLowerCase() !== 'style') c.remove();
  }
  host.dataset.key = key;
  host.dataset.sig = sig;
  const box = el(doc, 'span', 'box');
  box.dataset.type = a.type;
  if (a.type === 'kpi') box.classList.add('kpi');
  if (a.type === 'kpi') kpi(doc, box, a, lang);
  else if (a.type === 'item') item(doc, box, a, lang);
  else if (a.type === 'ad') ad(doc, box, a, lang);
  else agent(doc, box, a, lang);
  root.appendChild(box);
  return true;
}

export function removeAt(at: Element): void {
  hostOf(at)?.remove();
}
