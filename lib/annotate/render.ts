/**
 * Rendering of one annotation next to its anchor: a zero-size inline host (it adds nothing to the
 * table's intrinsic widths, so the console's columns keep their widths) carrying a shadow root
 * whose content is absolutely positioned. Everything is built with createElement + textContent:
 * captured strings (titles, nicks, finding texts) stay text.
 */
import { formatByUnit, formatChange, formatMoney, formatRate } from '../format';
import type { MetricUnit } from '../metrics/types';
import type { EntityKind } from '../schema/fact';
import { HOST_TAG, textOf } from './anchor';
import { buildLogControl, type LogActionFn } from './log-action';
import type { AdAnnotation, AgentAnnotation, Annotation, Badge, ItemAnnotation, KpiAnnotation, Lang, Text } from './types';

/** What the hover cards need besides the data: the shop the page works on and the way to log. */
export interface RenderCtx {
  shopId: string | null;
  logAction?: LogActionFn;
}

const L = {
  vsBase: { zh: '较近4周同星期', en: 'vs same weekday (4 wk)' },
  base: { zh: '基线', en: 'Baseline' },
  weeks: { zh: '周', en: 'wk' },
  fewer: { zh: '（样本不足 4 周）', en: ' (fewer than 4 weeks)' },
  prevDay: { zh: '（无同星期数据，按前一日）', en: ' (no same weekday: previous day)' },
  noBase: { zh: '数据不足', en: 'Not enough data' },
  spark: { zh: '近30天', en: 'Last 30 days' },
  history: { zh: '商品历史（已采集的日期）', en: 'Item history (captured days)' },
  noHistory: { zh: '尚未采集到该商品的日数据', en: 'No daily data captured for this item yet' },
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
.up{color:#f5222d}.down{color:#389e0d}.flat{color:#666}
.delta{font-weight:600}
svg.spark{display:block}svg.spark path{fill:none;stroke:#1a66ff;stroke-width:1.2;vector-effect:non-scaling-stroke}
.pop{display:none;position:absolute;left:0;top:18px;min-width:220px;background:#fff;border:1px solid #d6dbe6;border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.15);
  padding:8px 10px;color:#333;font-size:12px;line-height:18px;white-space:nowrap}
.box:hover,.box:focus-within{z-index:999}
.box:hover .pop,.box:focus-within .pop{display:block}
.box.kpi{flex-direction:column;align-items:flex-start;gap:1px;line-height:11px;font-size:10px}
.pop{width:max-content;max-width:min(340px,90vw);white-space:normal}
.pop h4{margin:0 0 4px;font-size:12px;font-weight:600}
.pop .row{white-space:nowrap}
.pop .row{display:flex;justify-content:space-between;gap:12px}
.pop .muted{color:#666}
.legend{display:flex;gap:10px;font-size:11px;margin-top:4px}.legend i{display:inline-block;width:10px;height:2px;vertical-align:middle;margin-right:3px}
.tag{color:#666;font-size:10px}
.chip:focus-visible,button:focus-visible,select:focus-visible,input:focus-visible{outline:2px solid #1a66ff;outline-offset:1px}
.log{margin-top:6px;border-top:1px solid #eef0f4;padding-top:6px;white-space:normal}
.log button{font:inherit;font-size:12px;line-height:18px;padding:1px 8px;border:1px solid #adc6ff;border-radius:4px;background:#f0f5ff;color:#1d39c4;cursor:pointer}
.log button:disabled{opacity:.6;cursor:default}
.log-form{display:flex;flex-direction:column;gap:4px;margin-top:6px}
.log-form[hidden]{display:none}
.log-field{display:flex;align-items:center;gap:6px}
.log-label{flex:0 0 34px;color:#555}
.log-field select,.log-field input{flex:1;min-width:0;font:inherit;font-size:12px;height:22px;box-sizing:border-box;border:1px solid #d6dbe6;border-radius:4px;padding:0 4px;color:#333;background:#fff}
.log-actions{display:flex;gap:6px}
.log-actions .log-cancel{border-color:#d6dbe6;background:#fff;color:#333}
.log-status{font-size:11px;margin-top:2px;color:#555}.log-status.ok{color:#237804}.log-status.err{color:#a8071a}
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
/** Per document and size: one prepared <svg><path/></svg> cloned per row (attributes set once). */
const sparkTemplates = new WeakMap<Document, Map<string, Element>>();
function sparkTemplate(doc: Document, w: number, h: number): Element {
  let m = sparkTemplates.get(doc);
  if (!m) {
    m = new Map();
    sparkTemplates.set(doc, m);
  }
  const k = `${w}x${h}`;
  let t = m.get(k);
  if (!t) {
    t = doc.createElementNS(SVG, 'svg');
    t.setAttribute('class', 'spark');
    t.setAttribute('width', String(w));
    t.setAttribute('height', String(h));
    // Coordinates in tenths of a pixel: integer path numbers (cheap to print, no toFixed).
    t.setAttribute('viewBox', `0 0 ${w * 10} ${h * 10}`);
    t.setAttribute('aria-hidden', 'true');
    t.appendChild(doc.createElementNS(SVG, 'path'));
    m.set(k, t);
  }
  return t;
}

/**
 * The path of a sparkline in a w×h box, in tenths of a pixel (the template's viewBox is ×10):
 * integers only, as this runs for every row of a table.
 */
export function sparkPath(values: readonly (number | null)[], w: number, h: number): string {
  const W = w * 10;
  const H = h * 10;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n < 2) return '';
  const span = max - min || 1;
  const step = values.length > 1 ? (W - 20) / (values.length - 1) : 0;
  const k = (H - 20) / span;
  let d = '';
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null;
    if (v === null) {
      pen = false;
      continue;
    }
    const x = Math.round(10 + i * step);
    const y = Math.round(H - 10 - (v - min) * k);
    d += `${pen ? 'L' : 'M'}${x} ${y}`;
    pen = true;
  }
  return d;
}

function sparkline(doc: Document, values: (number | null)[], w = 40, h = 14): Element {
  const svg = sparkTemplate(doc, w, h).cloneNode(true) as Element;
  const d = sparkPath(values, w, h);
  const path = svg.firstChild as Element;
  if (d) path.setAttribute('d', d);
  else path.remove();
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
    // One captured day draws no line: mark the point.
    if (nums.length === 1) {
      const i = vals.findIndex((v) => v !== null);
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.arc(x(i), 4 + (H - 20) * (1 - (nums[0] ?? 0) / max), 2.5, 0, Math.PI * 2);
      ctx.fill();
    }
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

/**
 * Hover cards are built on first hover or focus, not per pass: 200 rows never pay for 200 charts
 * and forms nobody opens. One capturing listener per document finds the host the pointer or focus
 * entered (events out of a shadow root are retargeted to its host) and runs its opener once.
 */
const openers = new WeakMap<Element, () => void>();
const delegated = new WeakSet<Document>();
function onEnter(e: Event): void {
  try {
    const h = e.target as Element | null;
    const open = h && h.nodeName.length === HOST_TAG.length ? openers.get(h) : undefined;
    if (!open) return;
    openers.delete(h as Element);
    open();
  } catch {
    /* never throw on the host page */
  }
}
function openOnEnter(doc: Document, host: Element, open: () => void): void {
  openers.set(host, open);
  if (delegated.has(doc)) return;
  delegated.add(doc);
  doc.addEventListener('mouseover', onEnter, true);
  doc.addEventListener('focusin', onEnter, true);
}

const ctxOf = new WeakMap<Document, RenderCtx>();

/** The row's entity as the key says (`kind|id`), and its name as the row shows it now. */
function logControl(doc: Document, host: HTMLElement, key: string, lang: Lang): HTMLElement | null {
  const ctx = ctxOf.get(doc);
  const send = ctx?.logAction;
  if (!send) return null;
  const bar = key.indexOf('|');
  const kind = key.slice(0, bar) as EntityKind;
  const id = key.slice(bar + 1);
  return buildLogControl(doc, {
    lang,
    entity: { kind, id },
    name: () => (host.parentElement ? textOf(host.parentElement).slice(0, 200) || undefined : undefined),
    shopId: () => ctxOf.get(doc)?.shopId ?? null,
    send,
  });
}

/** The item row's hover target, prepared once per document and language and cloned per row. */
const iconTemplates = new WeakMap<Document, Partial<Record<Lang, Element>>>();
function historyIcon(doc: Document, lang: Lang): El {
  let m = iconTemplates.get(doc);
  if (!m) {
    m = {};
    iconTemplates.set(doc, m);
  }
  let t = m[lang];
  if (!t) {
    const icon = el(doc, 'span', 'chip derived');
    icon.setAttribute('tabindex', '0');
    icon.setAttribute('role', 'button');
    icon.setAttribute('aria-label', L.history[lang]);
    icon.dataset.part = 'history';
    icon.appendChild(sparkTemplate(doc, 30, 10).cloneNode(true));
    t = icon;
    m[lang] = t;
  }
  return t.cloneNode(true) as El;
}

function item(doc: Document, host: HTMLElement, key: string, box: El, a: ItemAnnotation, lang: Lang): void {
  for (const b of a.badges) box.appendChild(chip(doc, b, lang));
  const h = a.history;
  const canLog = !!ctxOf.get(doc)?.logAction;
  if (h.dates.length === 0 && !canLog) return;
  // The hover target is the item's own 支付金额 sparkline (the chart opens from it).
  const icon = historyIcon(doc, lang);
  const path = (icon.firstChild as Element).firstChild as Element;
  const d = h.dates.length > 0 ? sparkPath(h.payAmt.length > 30 ? h.payAmt.slice(-30) : h.payAmt, 30, 10) : '';
  // Fewer than two captured days draw no line: the chip says there is more behind it.
  if (d) path.setAttribute('d', d);
  else icon.textContent = '···';
  box.appendChild(icon);
  openOnEnter(doc, host, () => {
    const pop = el(doc, 'div', 'pop');
    pop.appendChild(el(doc, 'h4', '', L.history[lang]));
    if (h.dates.length > 0) {
      const canvas = doc.createElement('canvas');
      canvas.width = 300;
      canvas.height = 120;
      canvas.dataset.part = 'chart';
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `${L.history[lang]} ${h.dates[0]} ~ ${h.dates[h.dates.length - 1]}`);
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
      drawHistory(canvas, h);
    } else {
      pop.appendChild(el(doc, 'div', 'muted', L.noHistory[lang]));
    }
    const log = logControl(doc, host, key, lang);
    if (log) pop.appendChild(log);
    box.appendChild(pop);
  });
}

function ad(doc: Document, host: HTMLElement, key: string, box: El, a: AdAnnotation, lang: Lang): void {
  for (const b of a.flags) box.appendChild(chip(doc, b, lang));
  const d = el(doc, 'span', 'chip derived', `${L.cartCost[lang]} ${formatMoney(a.cartCost, lang)}`);
  d.dataset.part = 'derived';
  d.setAttribute('tabindex', '0');
  d.setAttribute('role', 'button');
  box.appendChild(d);
  openOnEnter(doc, host, () => {
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
    const log = logControl(doc, host, key, lang);
    if (log) pop.appendChild(log);
    box.appendChild(pop);
  });
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

const isHost = (c: Element | null): c is HTMLElement => !!c && c.localName === HOST_TAG;

export function hostOf(at: Element): HTMLElement | null {
  // Ours is appended last; look there before walking the cell.
  const last = at.lastElementChild;
  if (isHost(last)) return last;
  for (const c of at.children) if (isHost(c)) return c;
  return null;
}

/** Zero-size inline box: no width for the table to distribute, content floats over it. */
const HOST_STYLE = 'display:inline-block;position:relative;width:0;height:0;overflow:visible;vertical-align:middle;margin:0;padding:0;border:0';
const hostTemplates = new WeakMap<Document, HTMLElement>();
function newHost(doc: Document): HTMLElement {
  let t = hostTemplates.get(doc);
  if (!t) {
    t = doc.createElement(HOST_TAG);
    t.setAttribute('style', HOST_STYLE);
    hostTemplates.set(doc, t);
  }
  return t.cloneNode(false) as HTMLElement;
}

/**
 * Hosts by entity key, so a console that rebuilds its rows (sorting, paging back) gets the same
 * host moved into the new row instead of a new shadow tree. Bounded; detached hosts only.
 */
const POOL_MAX = 1000;
const pools = new WeakMap<Document, Map<string, HTMLElement>>();
function pool(doc: Document): Map<string, HTMLElement> {
  let p = pools.get(doc);
  if (!p) {
    p = new Map();
    pools.set(doc, p);
  }
  return p;
}
function remember(doc: Document, key: string, host: HTMLElement): void {
  const p = pool(doc);
  p.delete(key);
  p.set(key, host);
  if (p.size > POOL_MAX) {
    const oldest = p.keys().next().value;
    if (oldest !== undefined) p.delete(oldest);
  }
}
/** Drop the remembered hosts of a document (annotator stopped; the bench's cold first pass). */
export function forgetHosts(doc: Document): void {
  pools.delete(doc);
}

/** Set what the hover cards of this document need (shop, logAction). */
export function setRenderCtx(doc: Document, ctx: RenderCtx): void {
  ctxOf.set(doc, ctx);
}

function build(doc: Document, host: HTMLElement, key: string, a: Annotation, lang: Lang): El {
  const box = el(doc, 'span', a.type === 'kpi' ? 'box kpi' : 'box');
  box.dataset.type = a.type;
  if (a.type === 'kpi') kpi(doc, box, a, lang);
  else if (a.type === 'item') item(doc, host, key, box, a, lang);
  else if (a.type === 'ad') ad(doc, host, key, box, a, lang);
  else agent(doc, box, a, lang);
  return box;
}

/**
 * Put (or update, or keep) the annotation of one anchor. Idempotent: one host per anchor element,
 * rebuilt only when the key or the data changed. Returns whether the DOM was touched.
 * A new host is built completely before it enters the page: one insertion per row.
 */
export function renderAt(at: Element, key: string, a: Annotation, lang: Lang): boolean {
  const doc = at.ownerDocument;
  const sig = signature(a, lang);
  const host = hostOf(at);
  if (host && host.dataset.key === key && host.dataset.sig === sig) return false;
  if (host) {
    const root = host.shadowRoot as ShadowRoot;
    for (const c of [...root.childNodes]) if (c.nodeName.toLowerCase() !== 'style') c.remove();
    host.dataset.key = key;
    host.dataset.sig = sig;
    openers.delete(host);
    root.appendChild(build(doc, host, key, a, lang));
    remember(doc, key, host);
    return true;
  }
  const kept = pool(doc).get(key);
  if (kept && !kept.isConnected && kept.dataset.sig === sig) {
    at.appendChild(kept);
    return true;
  }
  const fresh = newHost(doc);
  fresh.dataset.key = key;
  fresh.dataset.sig = sig;
  const root = fresh.attachShadow({ mode: 'open' });
  styleInto(root);
  root.appendChild(build(doc, fresh, key, a, lang));
  at.appendChild(fresh);
  remember(doc, key, fresh);
  return true;
}

export function removeAt(at: Element): void {
  hostOf(at)?.remove();
}
