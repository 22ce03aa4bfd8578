/**
 * Capture messages built from the adapters' own fixtures, with their row lists inflated to a
 * report of N rows with distinct ids — the "2,000-row report" of architecture §2 and §7.
 * Only fixtures and adapters that exist at run time are used (other adapters are being added).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routeFor } from '../../../lib/adapters/registry';
import { processCapture } from '../../../lib/capture/process';
import type { CaptureMessage } from '../../../lib/schema/capture';
import type { Fact } from '../../../lib/schema/fact';
import type { Shop, ShopIdentity } from '../../../lib/schema/shop';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FIX = join(ROOT, 'tests/fixtures');

const D = '2026-06-01';
const CAPTURED = Date.UTC(2026, 5, 10, 2);
const SYCM = 'https://sycm.taobao.com';
const SHOP: ShopIdentity = {
  via: 'microdata',
  shopId: '106033221',
  shopTitle: '暖居家纺旗舰店',
  mainUserId: '2206514830',
  mainUserName: '暖居家纺旗舰店',
  loginNick: '暖居家纺旗舰店:小王',
};
/** Ad consoles only show the login nick; the shop is known from 生意参谋. */
const NICK_ONLY: ShopIdentity = { via: 'cookie', loginNick: '暖居家纺旗舰店:小王' };
const KNOWN: Shop[] = [{ id: '106033221', title: '暖居家纺旗舰店', mainUserName: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 }];

const sycmUrl = (path: string, extra = '') => `${SYCM}${path}?dateType=day&dateRange=${D}%7C${D}&needCycleCrc=true&token=1aa656228&_=1${extra}`;

function fixtureJson(family: string, name: string): unknown | null {
  const p = join(FIX, family, name);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : null;
}

function msg(
  url: string,
  text: string,
  o: { kind?: 'fetch' | 'xhr'; method?: string; body?: string; identity?: ShopIdentity; pageUrl?: string } = {},
): CaptureMessage {
  return {
    meta: {
      kind: o.kind ?? 'fetch',
      method: o.method ?? 'GET',
      url,
      ...(o.body !== undefined ? { requestBody: o.body } : {}),
      status: 200,
      contentType: 'application/json',
      size: text.length,
    },
    responseText: text,
    pageUrl: o.pageUrl ?? `${SYCM}/portal/home.htm`,
    identity: o.identity ?? SHOP,
    capturedAt: CAPTURED,
  };
}

const clone = <T>(x: T): T => structuredClone(x);
type Json = Record<string, unknown>;
const at = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), o);

export interface RowReport {
  /** "sycm-item / item-rank" style name. */
  name: string;
  adapter: string;
  entity: string;
  /** Builds the capture of an n-row report (null when the fixture is missing). */
  build(n: number): { msg: CaptureMessage; known: Shop[] } | null;
}

/** Candidate row-list routes (keyword / ad / item-rank reports), each from its own fixture. */
export const ROW_REPORTS: RowReport[] = [
  {
    name: 'sycm-item item-rank /cc/item/view/top.json',
    adapter: 'sycm-item',
    entity: 'item',
    build(n) {
      const j = fixtureJson('sycm-item', 'item-rank-top.json') as Json | null;
      const rows = at(j, 'data', 'data');
      if (!j || !Array.isArray(rows) || !rows[0]) return null;
      const base = rows[0] as Json;
      (j.data as Json).data = Array.from({ length: n }, (_, i) => {
        const r = clone(base);
        const item = r.item as Json;
        item.itemId = 680000000000 + i;
        item.title = `${String(item.title)} ${i}`;
        item.detailUrl = `//detail.tmall.com/item.htm?id=${680000000000 + i}`;
        return r;
      });
      (j.data as Json).recordCount = n;
      const url = `${SYCM}/cc/item/view/top.json?dateType=day&dateRange=${D}%7C${D}&page=1&pageSize=${n}&order=desc&orderBy=payAmt&device=0&compareType=cycle&follow=false&token=1aa656228&_=1`;
      return { msg: msg(url, JSON.stringify(j), { pageUrl: `${SYCM}/cc/item_rank` }), known: [] };
    },
  },
  {
    name: 'wanxiang report (bidword) /report/query.json',
    adapter: 'wanxiang',
    entity: 'keyword',
    build(n) {
      const j = fixtureJson('wanxiang', 'report-bidword.json') as Json | null;
      const req = fixtureJson('wanxiang', 'report-bidword.request.json');
      const rows = at(j, 'data', 'list');
      if (!j || !req || !Array.isArray(rows) || !rows[0]) return null;
      const base = rows[0] as Json;
      (j.data as Json).list = Array.from({ length: n }, (_, i) => ({
        ...clone(base),
        bidwordId: 5500000000 + i,
        bidwordName: `${String(base.bidwordName)} ${i}`,
      }));
      (j.data as Json).count = n;
      const url = 'https://one.alimama.com/report/query.json?csrfId=c8e1f0a2b3d4_1_1_1&bizCode=universalBP';
      return {
        msg: msg(url, JSON.stringify(j), {
          kind: 'xhr',
          method: 'POST',
          body: JSON.stringify({ ...(req as Json), pageSize: n }),
          identity: NICK_ONLY,
          pageUrl: 'https://one.alimama.com/index.html#!/report/bidword?rptType=bidword',
        }),
        known: KNOWN,
      };
    },
  },
  {
    name: 'zhitongche report (rptBidwordList$)',
    adapter: 'zhitongche',
    entity: 'keyword',
    build(n) {
      const j = fixtureJson('zhitongche', 'rpt-bidword-list.json') as Json | null;
      const qp = fixtureJson('zhitongche', 'rpt-campaign-list.queryParam.json');
      const rows = at(j, 'result', 'data');
      if (!j || !qp || !Array.isArray(rows) || !rows[0]) return null;
      const base = rows[0] as Json;
      (j.result as Json).data = Array.from({ length: n }, (_, i) => ({
        ...clone(base),
        bidwordId: 400000000 + i,
        bidwordstr: `${String(base.bidwordstr)} ${i}`,
      }));
      const form = new URLSearchParams({ queryParam: JSON.stringify(qp), sla: 'json', isAjaxRequest: 'true', token: '5f3e1a2b' }).toString();
      const url = 'https://subway.simba.taobao.com/openapi/param2/1/gateway.subway/rpt/rptBidwordList$';
      return {
        msg: msg(url, JSON.stringify(j), {
          kind: 'xhr',
          method: 'POST',
          body: form,
          identity: NICK_ONLY,
          pageUrl: 'https://subway.simba.taobao.com/#!/report/bpreport/index',
        }),
        known: KNOWN,
      };
    },
  },
  {
    name: 'sycm-flow search keywords /flow/v3/shop/source/detail.json',
    adapter: 'sycm-flow',
    entity: 'keyword',
    build(n) {
      const j = fixtureJson('sycm-flow', 'detail-se-keyword.json') as Json | null;
      const rows = at(j, 'data', 'data');
      if (!j || !Array.isArray(rows) || !rows[0]) return null;
      (j.data as Json).data = seKeywordRows(n, rows[0] as Json);
      (j.data as Json).recordCount = n;
      const url = sycmUrl('/flow/v3/shop/source/detail.json', '&device=2&pageId=23.s1150&pPageId=23&childPageType=se_keyword');
      return { msg: msg(url, JSON.stringify(j), { pageUrl: `${SYCM}/flow/monitor/shopsource/construction` }), known: [] };
    },
  },
];

/** Deterministic 0..1 sequence (xorshift), so bodies are the same run to run. */
export function prng(seed = 42): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** 搜索词 rows shaped like the sycm-flow se_keyword detail (about 140 bytes each). */
export function seKeywordRows(n: number, shape?: Json): Json[] {
  const r = prng(7);
  const keys = shape ? Object.keys(shape) : ['keyword', 'uv', 'payByrCnt', 'payAmt', 'payRate', 'cartByrCnt'];
  return Array.from({ length: n }, (_, i) => {
    const uv = Math.floor(r() * 5000);
    const out: Json = {};
    for (const k of keys) {
      if (k === 'keyword') out.keyword = { value: `搜索词${i}四件套` };
      else if (k === 'uv') out.uv = { value: uv, cycleCrc: Math.round((r() - 0.5) * 10000) / 10000 };
      else if (/Rate$/.test(k)) out[k] = { value: Math.round(r() * 10000) / 100000 };
      else if (/Amt$/.test(k)) out[k] = { value: Math.round(r() * 1e6) / 100 };
      else out[k] = { value: Math.floor(r() * uv * 0.1) };
    }
    return out;
  });
}

/** The 280 KB-class page response of row 2: a 2,000-row 搜索词 report in the sycm module envelope. */
export function largeSycmBody(n = 2000): string {
  return JSON.stringify({ code: 0, message: '操作成功', data: { recordCount: n, data: seKeywordRows(n) }, traceId: 'bench' });
}

/** Fallback when no row-list adapter works: the sycm-home trend with n daily points. */
export function homeTrend(n: number): { msg: CaptureMessage; known: Shop[] } | null {
  const j = fixtureJson('sycm-home', 'trend-v3-aligned.json') as Json | null;
  const data = at(j, 'content', 'data') as Json | undefined;
  if (!j || !data) return null;
  const end = Date.UTC(2026, 4, 31, 16); // 2026-06-01 00:00 Asia/Shanghai
  const r = prng(3);
  data.statDate = Array.from({ length: n }, (_, i) => end - (n - 1 - i) * 86_400_000);
  const self = data.self as Record<string, unknown[]>;
  for (const k of Object.keys(self)) self[k] = Array.from({ length: n }, () => Math.round(r() * 1e6) / 100);
  const riv = data.rivalAvg as Record<string, unknown[]> | undefined;
  if (riv) for (const k of Object.keys(riv)) riv[k] = Array.from({ length: n }, () => Math.round(r() * 1e5) / 100);
  return { msg: msg(sycmUrl('/portal/coreIndex/new/trend/v3.json'), JSON.stringify(j)), known: [] };
}

export interface UsableReport {
  name: string;
  adapter: string;
  entity: string;
  bytes: number;
  facts: number;
  msg: CaptureMessage;
  known: Shop[];
}

/** Every candidate whose adapter routes it and stores (about) n facts from n rows. */
export function usableReports(n: number): { usable: UsableReport[]; skipped: { name: string; why: string }[] } {
  const usable: UsableReport[] = [];
  const skipped: { name: string; why: string }[] = [];
  for (const c of ROW_REPORTS) {
    try {
      const b = c.build(n);
      if (!b) {
        skipped.push({ name: c.name, why: 'fixture missing' });
        continue;
      }
      if (b.msg.meta.kind === 'dom' || !routeFor(new URL(b.msg.meta.url), b.msg.meta.method)) {
        skipped.push({ name: c.name, why: 'no adapter route yet' });
        continue;
      }
      const r = processCapture(b.msg, b.known);
      if (r.outcome !== 'stored' || r.facts.length < n * 0.9) {
        skipped.push({ name: c.name, why: `outcome ${r.outcome}, ${r.facts.length} facts` });
        continue;
      }
      usable.push({ name: c.name, adapter: c.adapter, entity: c.entity, bytes: Buffer.byteLength(b.msg.responseText), facts: r.facts.length, ...b });
    } catch (e) {
      skipped.push({ name: c.name, why: String(e).slice(0, 160) });
    }
  }
  return { usable, skipped };
}

/**
 * One real fact per entity kind the year projection counts (item, keyword, agent, shop), from
 * the adapters' own output, so the ingest writes rows shaped like real ones.
 */
export function templateFacts(): { kind: string; fact: Fact; from: string }[] {
  const out: { kind: string; fact: Fact; from: string }[] = [];
  const take = (kind: string, from: string, m: { msg: CaptureMessage; known: Shop[] } | null, pick: (f: Fact) => boolean) => {
    if (out.some((t) => t.kind === kind) || !m) return;
    try {
      const r = processCapture(m.msg, m.known);
      const f = r.facts.find(pick);
      if (f) out.push({ kind, fact: f, from });
    } catch {
      /* try the next source */
    }
  };
  for (const c of ROW_REPORTS) {
    if (c.entity === 'item') take('item', c.name, c.build(3), (f) => f.entityKind === 'item');
    if (c.entity === 'keyword') take('keyword', c.name, c.build(3), (f) => f.entityKind === 'keyword');
  }
  const sub = readFixtureText('sycm-service', 'onequery-subaccount.json');
  if (sub) {
    const data = { domainCode: 'tao.shop.qos.subaccount', dateType: 'day', dateRange: `${D}|${D}` };
    const url = `https://h5api.m.taobao.com/h5/mtop.alibaba.sycm.domain.onequery/1.0/?jsv=2.6.1&appKey=12574478&t=1780300000000&sign=abc&api=mtop.alibaba.sycm.domain.onequery&v=1.0&type=originaljson&dataType=json&data=${encodeURIComponent(JSON.stringify(data))}`;
    take(
      'agent',
      'sycm-service subaccount',
      { msg: msg(url, sub, { pageUrl: `${SYCM}/qos/service/frame/customer/performance/new` }), known: [] },
      (f) => f.entityKind === 'agent',
    );
  }
  const ov = readFixtureText('sycm-home', 'overview-v3.json');
  if (ov) take('shop', 'sycm-home overview', { msg: msg(sycmUrl('/portal/coreIndex/new/overview/v3.json'), ov), known: [] }, (f) => f.entityKind === 'shop');
  return out;
}

function readFixtureText(family: string, name: string): string | null {
  const p = join(FIX, family, name);
  return existsSync(p) ? readFileSync(p, 'utf8') : null;
}
