/**
 * 千牛 工作台 — pages `https://myseller.taobao.com/home.htm/QnworkbenchHome/` (首页待办) and
 * `https://myseller.taobao.com/home.htm/voc-tmall/serverReport` (真实体验分).
 *
 * Routes (console-sources §7.1, §7.4, §9 — reply shapes [H]/[M], mtop API NAMES NOT CONFIRMED [L]):
 * the public sources give the reply fields but not the mtop names, so the routes match any mtop
 * API on h5api.m.taobao.com whose name says what it is, and then check the shape:
 * - to-dos: `/h5/mtop.<…todo…>/<v>/` → `data.result[]` (array, or a JSON string of one) of
 *   `{ todoId (1 售前, 2 售后, 3 物流监控, 4 宝贝管理, 5 小二提醒), todoCount, todoListDetail[] { uiCode, count } }`
 *   → one shop `snapshot` fact (panel `todo`) with a metric per module total and per known uiCode.
 * - 真实体验分: `/h5/mtop.<…serverreport | experience | tiyanfen…>/<v>/` → blocks `nps`, `newGoods`,
 *   `newLogistics`, `newServices`, `additionalPoints`, `transactionAbility`, each `{ code, name, score,
 *   grade, rank, subIndexInfoList[] { code, name, score, showValue, value } }` at `data`,
 *   `data.result` (object or JSON string) or `data.data`; a list of blocks is accepted too.
 *   → one shop `snapshot` fact (panel `experience`): block scores + known sub-index values
 *   (`neg_itm_feedback_rate`, `48h_pickup_rate`, `3min_manual_rsp_rate`; `showValue` "0.12%" first).
 * Both are dated the capture's business day: they are the console's current values.
 *
 * Fixtures: tests/fixtures/qianniu-workbench/ (from §7.4 and the sandbox console).
 */
import { shanghaiDate } from '../capture/business-date';
import { metricForSource } from '../metrics';
import { MTOP_HOST, mtopResult, unwrapMtop } from './mtop-common';
import { QIANNIU_HOST } from './qianniu-item';
import { isRecord, readNumber, sample } from './read';
import type { Adapter, FieldIssue, RouteResult } from './types';

const count = (v: unknown): number | null => {
  const r = readNumber(v);
  return r.kind === 'num' && Number.isInteger(r.n) && r.n >= 0 ? r.n : null;
};

function todos(data: unknown, shopId: string, capturedAt: number): RouteResult {
  const issues: FieldIssue[] = [];
  let list = mtopResult(data, issues);
  if (isRecord(list) && Array.isArray(list.result)) list = list.result;
  if (isRecord(list) && isRecord(list.data) && Array.isArray(list.data.result)) list = list.data.result;
  if (!Array.isArray(list)) return { ok: false, issues: [...issues, { path: 'data.result', message: '不是待办列表', sample: sample(list) }] };
  const values: Record<string, number> = {};
  list.forEach((m, i) => {
    if (!isRecord(m)) return;
    const id = count(m.todoId);
    if (id === null) {
      issues.push({ path: `result[${i}].todoId`, message: '缺失', sample: sample(m.todoId) });
      return;
    }
    const total = metricForSource('qianniu', `todoId${id}`);
    const n = count(m.todoCount);
    if (total && n !== null) values[total.id] = n;
    else if (total && m.todoCount !== undefined) issues.push({ path: `result[${i}].todoCount`, message: '不是非负整数', sample: sample(m.todoCount) });
    if (!Array.isArray(m.todoListDetail)) return;
    m.todoListDetail.forEach((d, k) => {
      if (!isRecord(d) || typeof d.uiCode !== 'string') return;
      const metric = metricForSource('qianniu', d.uiCode);
      if (!metric?.id.startsWith('todo')) {
        issues.push({ path: `result[${i}].todoListDetail[${k}].uiCode`, message: '未知的待办项', sample: sample(d.uiCode, 40) });
        return;
      }
      const c = count(d.count);
      if (c !== null) values[metric.id] = c;
      else issues.push({ path: `result[${i}].todoListDetail[${k}].count`, message: '不是非负整数', sample: sample(d.count) });
    });
  });
  if (Object.keys(values).length === 0) return { ok: false, issues: [...issues, { path: 'data.result', message: '没有可读的待办数' }] };
  return {
    ok: true,
    facts: [{ entityKind: 'shop', entityId: shopId, grain: 'snapshot', date: shanghaiDate(capturedAt), dims: { panel: 'todo' }, values }],
    issues,
  };
}

const BLOCKS = ['nps', 'newGoods', 'newLogistics', 'newServices', 'additionalPoints', 'transactionAbility'];

/** Where the blocks live: data, data.result (object or JSON string), data.data, or an array of blocks. */
function findBlocks(data: unknown, issues: FieldIssue[]): Record<string, unknown>[] | null {
  const candidates: unknown[] = [data];
  if (isRecord(data)) {
    if ('result' in data) candidates.push(mtopResult(data, issues));
    candidates.push(data.data, data.model);
  }
  for (let c of candidates) {
    if (isRecord(c) && isRecord(c.data) && !BLOCKS.some((b) => isRecord(c) && b in c)) c = c.data;
    if (Array.isArray(c)) {
      const blocks = c.filter((b): b is Record<string, unknown> => isRecord(b) && typeof b.code === 'string');
      if (blocks.length) return blocks;
    } else if (isRecord(c) && BLOCKS.some((b) => isRecord(c) && isRecord(c[b]))) {
      const rec = c;
      return BLOCKS.filter((b) => isRecord(rec[b])).map((b) => ({ ...(rec[b] as Record<string, unknown>), code: b }));
    }
  }
  return null;
}

function experience(data: unknown, shopId: string, capturedAt: number): RouteResult {
  const issues: FieldIssue[] = [];
  const blocks = findBlocks(data, issues);
  if (!blocks) return { ok: false, issues: [...issues, { path: 'data', message: '没有真实体验分的维度块', sample: sample(data) }] };
  const values: Record<string, number> = {};
  for (const b of blocks) {
    const code = String(b.code);
    const m = metricForSource('qianniu', `exp.${code}`);
    if (m) {
      const r = readNumber(b.score);
      if (r.kind === 'num' && r.n >= 0 && r.n <= 100) values[m.id] = r.n;
      else if (r.kind !== 'empty') issues.push({ path: `${code}.score`, message: '不是分数', sample: sample(b.score) });
    } else issues.push({ path: `${code}`, message: '未知的维度', sample: sample(code, 40) });
    if (!Array.isArray(b.subIndexInfoList)) continue;
    b.subIndexInfoList.forEach((s, i) => {
      if (!isRecord(s) || typeof s.code !== 'string') return;
      const sm = metricForSource('qianniu', `exp.${s.code}`);
      if (!sm) return; // sub-indexes without a catalog metric are left out (not an error)
      let r = readNumber(s.showValue);
      if (r.kind !== 'num') r = readNumber(s.value);
      if (r.kind === 'num' && sm.unit === 'ratio' && !String(s.showValue ?? '').includes('%') && r.n > 1) r = { kind: 'bad' };
      if (r.kind === 'num' && r.n >= 0) values[sm.id] = r.n;
      else if (r.kind !== 'empty')
        issues.push({ path: `${code}.subIndexInfoList[${i}].showValue`, message: '不是比率', sample: sample(s.showValue ?? s.value) });
    });
  }
  if (Object.keys(values).length === 0) return { ok: false, issues: [...issues, { path: 'data', message: '没有可读的体验分' }] };
  return {
    ok: true,
    facts: [{ entityKind: 'shop', entityId: shopId, grain: 'snapshot', date: shanghaiDate(capturedAt), dims: { panel: 'experience' }, values }],
    issues,
  };
}

const mtop = (api: string) =>
  `https://${MTOP_HOST}/h5/${api}/1.0/?jsv=2.7.2&appKey=12574478&t=1780300000000&sign=9a8b7c6d5e4f30211f2e3d4c5b6a7980&api=${api}&v=1.0&type=originaljson&dataType=json&data=%7B%7D`;

export const qianniuWorkbench: Adapter = {
  id: 'qianniu-workbench',
  label: { zh: '千牛·工作台', en: 'Qianniu · Workbench' },
  host: QIANNIU_HOST,
  apiHosts: [MTOP_HOST],
  pages: [/^\/home\.htm\/QnworkbenchHome(\/|$)/, /^\/home\.htm\/voc-tmall\/serverReport/],
  examplePageUrls: ['https://myseller.taobao.com/home.htm/QnworkbenchHome/', 'https://myseller.taobao.com/home.htm/voc-tmall/serverReport'],
  openHint: {
    zh: '打开 千牛 工作台首页（待办）或 店铺 → 真实体验分',
    en: 'Open the 千牛 workbench home (to-dos) or 店铺 → 真实体验分',
    url: 'https://myseller.taobao.com/home.htm/QnworkbenchHome/',
  },
  unwrap: unwrapMtop,
  routes: [
    {
      id: 'todo-list',
      label: { zh: '工作台待办', en: 'Workbench to-dos' },
      method: 'ANY',
      path: /^\/h5\/mtop\.[a-z0-9.]*todo[a-z0-9.]*\/\d+\.\d+\/?$/i,
      exampleUrls: [mtop('mtop.qianniu.workbench.todolist.query'), mtop('mtop.taobao.qianniu.home.todo.get')],
      parse: (data, ctx) => todos(data, ctx.shopId, ctx.capturedAt),
    },
    {
      id: 'server-report',
      label: { zh: '真实体验分', en: 'Experience score' },
      method: 'ANY',
      path: /^\/h5\/mtop\.[a-z0-9.]*(serverreport|experience|tiyanfen)[a-z0-9.]*\/\d+\.\d+\/?$/i,
      exampleUrls: [mtop('mtop.tmall.voc.serverreport.query'), mtop('mtop.alibaba.seller.experience.score.get')],
      parse: (data, ctx) => experience(data, ctx.shopId, ctx.capturedAt),
    },
  ],
};
