/**
 * 生意参谋 交易 / 物流 / 评价 — pages read from the rendered DOM, because no public API shape is
 * known for them (console-sources §5.5, §5.7, §10 "gaps"; 评价/DSR §5.6):
 * - 交易概况 `https://sycm.taobao.com/bda/tradinganaly/overview/overview.htm?dateType=day&dateRange=D|D&device=0`
 *   (page URL [M]: RPA:59155230799): 访客数, 下单买家数, 下单金额, 支付买家数, 支付金额, 客单价, 下单转化率,
 *   下单-支付转化率, 支付转化率, 支付子订单数, 新/老买家数, each with 环比 → one `shop` day fact.
 * - 物流概况 `https://sycm.taobao.com/bda/logistics/overview/overview.htm` (page path guessed [L]):
 *   24/48小时揽收及时率, 平均发货时长, 物流到货时长, 物流投诉数/率 → one `shop` day fact.
 * - 评价概况 `https://sycm.taobao.com/bda/rate/overview/overview.htm` (page path guessed [L]): DSR 描述相符 /
 *   服务态度 / 物流服务 (rolling 180 days → `snapshot` on the page's date), 评价数, 好评率, 中评数, 差评数
 *   (→ `shop` fact of the page's period).
 *
 * The readers take metric cards `.index-card` with `.index-name`, `.index-value`, `.index-crc` and the
 * page's statistics date `.stat-date` (selectors of the sandbox console, tests/sandbox/hosts/sycm/trade.ts);
 * labels are matched in the console's own words, numbers read from display text ("2,133", "0.45%",
 * "¥1.2万", "18.5小时"). A missing expected card is a field issue (a changed console page).
 * The home table already carries several of these KPIs: the same meaning keeps the home metric id.
 * No API routes. Fixtures: tests/fixtures/sycm-trade/ (DOM read results).
 */
import { metric } from '../metrics';
import type { FactDraft, Grain } from '../schema/fact';
import { isRecord, sample } from './read';
import { SYCM_HOST, sycmPeriod, unwrapSycm } from './sycm-common';
import type { Adapter, DomReader, FieldIssue, RouteContext, RouteResult } from './types';

export interface CardRead {
  label: string;
  value: string;
  crc?: string;
}
export interface PageRead {
  /** Text of the page's statistics-date element (e.g. "统计时间 2026-06-01"). */
  date: string | null;
  cards: CardRead[];
}

const MAX_CARDS = 200;
const MAX_TEXT = 80;

const clip = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);

/** Content-script side: cheap selector reads, no parsing. */
export function readCards(doc: Document): PageRead | null {
  const cards = [...doc.querySelectorAll('.index-card')].slice(0, MAX_CARDS).map((c) => {
    const crc = c.querySelector('.index-crc')?.textContent;
    return {
      label: clip(c.querySelector('.index-name')?.textContent),
      value: clip(c.querySelector('.index-value')?.textContent),
      ...(crc ? { crc: clip(crc) } : {}),
    };
  });
  if (cards.length === 0) return null;
  return { date: clip(doc.querySelector('.stat-date')?.textContent) || null, cards };
}

const UNIT_SUFFIX = /(元|人|笔|件|个|单|次|秒|小时|天|分|星)$/;

/** A number from display text: "2,133", "¥41,250.60", "0.45%", "1.2万", "18.5小时", "-" → empty. */
export function readDisplayNumber(text: unknown): { kind: 'num'; n: number } | { kind: 'empty' } | { kind: 'bad' } {
  if (typeof text === 'number') return Number.isFinite(text) ? { kind: 'num', n: text } : { kind: 'bad' };
  if (typeof text !== 'string') return { kind: 'bad' };
  let t = text.replace(/[\s,，]/g, '').replace(/^[¥￥]/, '');
  if (t === '' || t === '-' || t === '--' || t === '—') return { kind: 'empty' };
  t = t.replace(UNIT_SUFFIX, '');
  let scale = 1;
  if (t.endsWith('%')) {
    scale = 0.01;
    t = t.slice(0, -1);
  } else if (t.endsWith('万')) {
    scale = 1e4;
    t = t.slice(0, -1);
  } else if (t.endsWith('亿')) {
    scale = 1e8;
    t = t.slice(0, -1);
  }
  t = t.replace(/^[¥￥]/, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'bad' };
  // Percent via the exponent keeps "2.21%" → 0.0221 exact (no 2.21 × 0.01 rounding noise).
  const n = scale === 0.01 ? Number(`${t}e-2`) : scale === 1 ? Number(t) : Number(`${t}e${Math.log10(scale)}`);
  return Number.isFinite(n) ? { kind: 'num', n } : { kind: 'bad' };
}

/** 环比 text ("较前一日 ↑5.21%", "-3.2%", "↓0.50%") → signed decimal, or undefined. */
export function readChange(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /([↑↓+-])?\s*(\d+(?:\.\d+)?)%/.exec(text.replace(/,/g, ''));
  if (!m?.[2]) return undefined;
  const n = Number(`${m[2]}e-2`);
  return m[1] === '↓' || m[1] === '-' ? -n : n;
}

const normLabel = (s: string) => s.replace(/[\s:：?？ⓘ]/g, '').replace(/[（(][^）)]*[）)]$/, '');

interface PageSpec {
  /** label in the console's words → metric id */
  labels: Record<string, string>;
  /** labels whose absence is reported (a changed page) */
  expected: string[];
  /** metrics that are rolling scores, stored as a snapshot on the page's end date */
  snapshot?: Set<string>;
  what: string;
}

const TRADE: PageSpec = {
  what: '交易指标',
  labels: {
    访客数: 'uv',
    下单买家数: 'crtByrCnt',
    下单金额: 'crtVldAmt',
    支付买家数: 'payByrCnt',
    支付金额: 'payAmt',
    客单价: 'payPct',
    下单转化率: 'crtRate',
    '下单-支付转化率': 'crtToPayRate',
    支付转化率: 'payRate',
    支付子订单数: 'subPayOrdSubCnt',
    支付件数: 'payItmCnt',
    新买家数: 'newPayByrCnt',
    支付新买家数: 'newPayByrCnt',
    老买家数: 'payOldByrCnt',
    支付老买家数: 'payOldByrCnt',
  },
  expected: ['访客数', '下单买家数', '下单金额', '支付买家数', '支付金额', '客单价', '下单转化率', '下单-支付转化率', '支付转化率'],
};

const LOGISTICS: PageSpec = {
  what: '物流指标',
  labels: {
    '24小时揽收及时率': 'gotInTime24hRate',
    '48小时揽收及时率': 'gotInTime48hRate',
    平均发货时长: 'avgShipTimeHh',
    发货时长: 'avgShipTimeHh',
    物流到货时长: 'avgSignTimeHh',
    平均到货时长: 'avgSignTimeHh',
    物流投诉数: 'logisticsComplaintCnt',
    物流投诉率: 'logisticsComplaintRate',
  },
  expected: ['24小时揽收及时率', '平均发货时长', '物流到货时长', '物流投诉数'],
};

const RATE: PageSpec = {
  what: '评价指标',
  labels: {
    描述相符: 'dsrDesc',
    宝贝与描述相符: 'dsrDesc',
    服务态度: 'dsrService',
    卖家的服务态度: 'dsrService',
    物流服务: 'dsrLogistics',
    物流服务的质量: 'dsrLogistics',
    评价数: 'rateCnt',
    好评率: 'goodRateRatio',
    中评数: 'midRateCnt',
    差评数: 'badRateCnt',
  },
  expected: ['描述相符', '服务态度', '物流服务', '好评率', '差评数'],
  snapshot: new Set(['dsrDesc', 'dsrService', 'dsrLogistics']),
};

/** The page's period: the displayed statistics date(s) first, the URL's dateType/dateRange second. */
function pagePeriod(read: PageRead, url: URL, issues: FieldIssue[]): { grain: Grain; date: string; end: string; dims: Record<string, string> } | null {
  const device = url.searchParams.get('device');
  const dims: Record<string, string> = { device: device && /^[0-2]$/.test(device) ? device : '0' };
  const shown = (read.date ?? '').match(/\d{4}-\d{2}-\d{2}/g) ?? [];
  const fromUrl = sycmPeriod(url);
  const [a, b] = [shown[0], shown[1] ?? shown[0]];
  if (a && b && a <= b) {
    if (fromUrl && fromUrl.date !== a && fromUrl.grain !== 'live')
      issues.push({ path: 'date', message: '页面显示的日期与地址栏不一致，按页面显示保存', sample: sample(read.date) });
    if (a === b) return { grain: 'day', date: a, end: a, dims };
    return { grain: 'range', date: a, end: b, dims: { ...dims, to: b } };
  }
  if (!fromUrl || fromUrl.grain === 'live') return null;
  const end = fromUrl.dims.to ?? fromUrl.date;
  return { grain: fromUrl.grain, date: fromUrl.date, end, dims: { ...fromUrl.dims, device: dims.device ?? '0' } };
}

function parsePage(spec: PageSpec) {
  const byLabel = new Map(Object.entries(spec.labels).map(([l, id]) => [normLabel(l), id]));
  return (data: unknown, ctx: RouteContext): RouteResult => {
    if (!isRecord(data) || !Array.isArray(data.cards)) return { ok: false, issues: [{ path: 'cards', message: '不是页面读取结果', sample: sample(data) }] };
    const read: PageRead = { date: typeof data.date === 'string' ? data.date : null, cards: [] };
    for (const c of data.cards.slice(0, MAX_CARDS)) {
      if (isRecord(c) && typeof c.label === 'string')
        read.cards.push({ label: c.label, value: typeof c.value === 'string' ? c.value : '', ...(typeof c.crc === 'string' ? { crc: c.crc } : {}) });
    }
    const issues: FieldIssue[] = [];
    const p = pagePeriod(read, ctx.url, issues);
    if (!p) return { ok: false, issues: [...issues, { path: 'date', message: '页面上没有可识别的统计日期', sample: sample(read.date) }] };
    const values: Record<string, number> = {};
    const crc: Record<string, number> = {};
    const found = new Set<string>();
    for (const c of read.cards) {
      const label = normLabel(c.label);
      const id = byLabel.get(label);
      if (!id || !metric(id)) continue;
      found.add(label);
      const r = readDisplayNumber(c.value);
      if (r.kind === 'bad') issues.push({ path: `cards[${c.label}]`, message: '不是数字', sample: sample(c.value) });
      if (r.kind !== 'num') continue;
      values[id] = r.n;
      const ch = readChange(c.crc);
      if (ch !== undefined) crc[id] = ch;
    }
    for (const l of spec.expected) if (!found.has(normLabel(l))) issues.push({ path: `cards[${l}]`, message: '页面上没有这个指标（控制台页面可能改版）' });
    const facts: FactDraft[] = [];
    const split = (keep: (id: string) => boolean) => {
      const v: Record<string, number> = {};
      const c: Record<string, number> = {};
      for (const [k, n] of Object.entries(values)) if (keep(k)) v[k] = n;
      for (const [k, n] of Object.entries(crc)) if (keep(k)) c[k] = n;
      return { v, c };
    };
    const period = split((k) => !spec.snapshot?.has(k));
    if (Object.keys(period.v).length)
      facts.push({
        entityKind: 'shop',
        entityId: ctx.shopId,
        grain: p.grain,
        date: p.date,
        dims: p.dims,
        values: period.v,
        ...(Object.keys(period.c).length ? { crc: period.c } : {}),
      });
    if (spec.snapshot) {
      const snap = split((k) => spec.snapshot?.has(k) === true);
      // Rolling 180-day scores: a snapshot as of the end of the page's period, device-independent.
      if (Object.keys(snap.v).length) facts.push({ entityKind: 'shop', entityId: ctx.shopId, grain: 'snapshot', date: p.end, dims: {}, values: snap.v });
    }
    if (facts.length === 0) return { ok: false, issues: [...issues, { path: 'cards', message: `没有可读的${spec.what}` }] };
    return { ok: true, facts, issues };
  };
}

const reader = (id: string, label: DomReader['label'], page: RegExp, spec: PageSpec): DomReader => ({
  id,
  label,
  page,
  waitFor: '.index-card .index-value',
  read: readCards,
  parse: parsePage(spec),
});

const S = 'https://sycm.taobao.com';
const D = '2026-06-01';
const q = `dateType=day&dateRange=${D}%7C${D}&device=0`;

export const TRADE_PAGE = /^\/bda\/tradinganaly\/overview(\/|$)/;
export const LOGISTICS_PAGE = /^\/bda\/logistics\/overview(\/|$)/;
export const RATE_PAGE = /^\/bda\/rate\/overview(\/|$)/;

export const sycmTrade: Adapter = {
  id: 'sycm-trade',
  label: { zh: '生意参谋·交易/物流/评价', en: 'sycm · Trade, logistics, reviews' },
  host: SYCM_HOST,
  pages: [TRADE_PAGE, LOGISTICS_PAGE, RATE_PAGE],
  examplePageUrls: [
    `${S}/bda/tradinganaly/overview/overview.htm?${q}`,
    `${S}/bda/logistics/overview/overview.htm?${q}`,
    `${S}/bda/rate/overview/overview.htm?${q}`,
  ],
  openHint: {
    zh: '打开 生意参谋 → 交易 → 交易概况（物流、评价概况页同理），页面显示出数字即采集',
    en: 'Open 生意参谋 → 交易 → 交易概况 (likewise the 物流 and 评价 overview pages); captured once the numbers show',
    url: `${S}/bda/tradinganaly/overview/overview.htm`,
  },
  unwrap: unwrapSycm,
  routes: [],
  dom: [
    reader('trade-overview', { zh: '交易概况', en: 'Trade overview' }, TRADE_PAGE, TRADE),
    reader('logistics-overview', { zh: '物流概况', en: 'Logistics overview' }, LOGISTICS_PAGE, LOGISTICS),
    reader('rate-overview', { zh: '评价概况', en: 'Review overview' }, RATE_PAGE, RATE),
  ],
};
