/**
 * CS / CNT / TEAM test helpers: (1) facts of a sandbox shop in the shapes the adapters store —
 * sycm-service (shop KPIs of `tao.shop.qos.sellerkpi`, `agent` facts of `tao.shop.qos.subaccount`
 * keyed by the sub-account nick, `/csp/api` list counts, 体验分 sub-scores), sycm-marketing
 * (`content` facts of 作品分析, no device), sycm-flow (流量总览 block at device 0), sycm-trade (DSR
 * snapshot + review counts), qianniu-workbench (真实体验分 snapshot) — on top of the DA helper's
 * home / source / item facts; (2) small synthetic contexts for the table tests.
 */
import { addDays } from '@/lib/capture/business-date';
import { metricForSource } from '@/lib/metrics';
import { buildContext, DEFAULT_PROFILE } from '@/lib/rules/context';
import type { RuleContext, ShopProfile } from '@/lib/rules/types';
import { type EntityKind, type Fact, factId } from '@/lib/schema/fact';
import { flowOverview } from '../sandbox/generator/flow-live.ts';
import { rateOverview } from '../sandbox/generator/item-trade.ts';
import { buildContent, contentDays } from '../sandbox/generator/marketing.ts';
import { qnExperience } from '../sandbox/generator/qianniu.ts';
import { expScores, serviceKpi, slowReplies } from '../sandbox/generator/service.ts';
import { mkFact, world, worldFacts } from './da-helpers';

export const AS_OF = '2026-11-22'; // a Sunday, after the 双11 window

export function snapFact(shopId: string, date: string, values: Record<string, number>, dims: Record<string, string> = {}): Fact {
  const f = {
    shopId,
    entityKind: 'shop' as const,
    entityId: shopId,
    grain: 'snapshot' as const,
    date,
    dims,
    values,
    source: { adapter: 'test', route: 'test' },
    capturedAt: 1,
    updatedAt: 1,
  };
  return { ...f, id: factId(f) };
}

/** Everything the CS / CNT / TEAM rules read for a sandbox shop, from..to (closed days). */
export function serviceWorldFacts(shopId: string, from: string, to: string): Fact[] {
  const w = world();
  const out = worldFacts(shopId, from, to, { items: false });
  const pieces = buildContent(
    w.seed,
    w.shop(shopId),
    w.items(shopId).map((i) => i.itemId),
  );
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const day = w.shopDay(shopId, d);
    const agents = w.agentDays(shopId, d);
    const kpi = serviceKpi(w.seed, shopId, d, day, agents);
    const svc: Record<string, number> = { ...kpi };
    svc.cspConsultCnt = agents.reduce((s, a) => s + a.consultUv, 0);
    svc.cspInquiryLossCnt = kpi.consultUserCnt - kpi.customerServiceSaleCnt;
    svc.cspSlowReplyCnt = slowReplies(w.seed, d, agents).reduce((s, n) => s + n, 0);
    const exp = expScores(w.seed, shopId, d);
    for (const [k, v] of Object.entries(exp)) {
      const m = metricForSource('sdx', k);
      if (m) svc[m.id] = v;
    }
    out.push(mkFact(shopId, 'shop', shopId, d, svc));
    for (const a of agents) {
      out.push(
        mkFact(
          shopId,
          'agent',
          a.nick,
          d,
          { consultUserCnt: a.consultUv, consultFinalPayRate: a.inquiryConvRate, firstReplyInterval: a.firstReplySec, avgReplyInterval: a.avgReplySec },
          { device: '0' },
          a.nick.slice(a.nick.indexOf(':') + 1),
        ),
      );
    }
    const ov = flowOverview(w, shopId, d, '0');
    out.push(mkFact(shopId, 'shop', shopId, d, { liveRoomUv: ov.liveRoomUv ?? 0, shortVideoUv: ov.shortVideoUv ?? 0, imageUv: ov.imageUv ?? 0 }));
    const rate = rateOverview(w, shopId, d);
    out.push(
      mkFact(shopId, 'shop', shopId, d, {
        rateCnt: rate.rateCnt ?? 0,
        goodRateRatio: rate.goodRateRatio ?? 0,
        midRateCnt: rate.midRateCnt ?? 0,
        badRateCnt: rate.badRateCnt ?? 0,
      }),
    );
    if (d === to) out.push(snapFact(shopId, d, { dsrDesc: rate.dsrDesc ?? 0, dsrService: rate.dsrService ?? 0, dsrLogistics: rate.dsrLogistics ?? 0 }));
    for (const c of contentDays(w.seed, pieces, d, day)) {
      out.push(
        mkFact(
          shopId,
          'content',
          c.contentId,
          d,
          {
            contentViewUv: c.viewUv,
            contentViewPv: c.viewPv,
            contentPlayUv: c.playUv,
            contentFinishRate: c.finishRate,
            contentAvgStay: c.avgStay,
            contentItemClickUv: c.itemClickUv,
            contentSeedPayByrCnt: c.seedPayByrCnt,
            contentSeedPayAmt: c.seedPayAmt,
          },
          {},
          c.title,
        ),
      );
    }
  }
  // 真实体验分: a snapshot dated the capture day (the day after the last closed day).
  const today = addDays(to, 1);
  const qn: Record<string, number> = {};
  for (const b of qnExperience(w, shopId, today).blocks) {
    const m = metricForSource('qianniu', `exp.${b.code}`);
    if (m) qn[m.id] = b.score;
    for (const s of b.subs) {
      const sm = metricForSource('qianniu', `exp.${s.code}`);
      if (sm) qn[sm.id] = s.value;
    }
  }
  out.push(snapFact(shopId, today, qn, { panel: 'experience' }));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Synthetic contexts

export const SID = 's1';
export const day = (i: number, asOf = AS_OF) => addDays(asOf, -i);
/** A small deterministic wobble (±3 %) so medians and MADs are not degenerate. */
export const wob = (i: number, k = 1) => 1 + ((((i + 1) * 7919 * k) % 13) - 6) / 200;

export function fact(
  kind: EntityKind,
  id: string,
  date: string,
  values: Record<string, number>,
  name?: string,
  dims: Record<string, string> = { device: '0' },
): Fact {
  return mkFact(SID, kind, id, date, values, dims, name);
}

export interface AgentSpec {
  name: string;
  consult?: number;
  conv?: number | ((i: number) => number);
  avg?: number | ((i: number) => number);
  first?: number;
  replyRate?: number;
}

/** Shop days 0..days-1 before asOf with `shop(i)` values, plus agents, extra facts. */
export function svcContext(
  o: { days?: number; asOf?: string; shop?: (i: number) => Record<string, number>; agents?: AgentSpec[]; extra?: Fact[]; profile?: ShopProfile } = {},
): RuleContext {
  const days = o.days ?? 70;
  const asOf = o.asOf ?? AS_OF;
  const facts: Fact[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const d = day(i, asOf);
    // NaN in `shop(i)` removes the metric that day (a day the console was not opened).
    const v = Object.fromEntries(
      Object.entries({ payAmt: 20000 * wob(i), uv: 8000 * wob(i, 3), payByrCnt: 160 * wob(i, 5), ...(o.shop?.(i) ?? {}) }).filter(([, x]) =>
        Number.isFinite(x),
      ),
    );
    facts.push(fact('shop', SID, d, Object.keys(v).length ? v : { consultRate: 0.05 }));
    for (const a of o.agents ?? []) {
      const v = (x: number | ((i: number) => number) | undefined, dflt: number) => (typeof x === 'function' ? x(i) : (x ?? dflt));
      const values: Record<string, number> = {
        consultUserCnt: Math.round((a.consult ?? 60) * wob(i, a.name.length + 2)),
        consultFinalPayRate: v(a.conv, 0.45) * wob(i, a.name.length + 7),
        avgReplyInterval: v(a.avg, 14) * wob(i, 11),
        firstReplyInterval: (a.first ?? 8) * wob(i, 13),
      };
      if (a.replyRate !== undefined) values.wwUserReplayRate = a.replyRate;
      facts.push(fact('agent', `店:${a.name}`, d, values, a.name));
    }
  }
  facts.push(...(o.extra ?? []));
  const ctx = buildContext(SID, facts, o.profile ?? DEFAULT_PROFILE);
  if (!ctx) throw new Error('no context');
  return ctx;
}

export const TEAM6: AgentSpec[] = ['甲', '乙', '丙', '丁', '戊', '己'].map((name) => ({ name }));

export interface PieceSpec {
  id: string;
  name?: string;
  views?: number;
  plays?: number;
  finish?: number;
  clicks?: number;
  buyers?: number;
  amount?: number;
  expose?: number;
  /** First day index (days before asOf) the piece has data. */
  since?: number;
}

/** Content facts (no device dim, like the 作品分析 reader) for `days` days before asOf. */
export function contentFacts(pieces: PieceSpec[], days = 40, asOf = AS_OF): Fact[] {
  const out: Fact[] = [];
  for (const p of pieces) {
    for (let i = Math.min(days, p.since ?? days) - 1; i >= 0; i--) {
      const values: Record<string, number> = {
        contentViewUv: Math.round((p.views ?? 100) * wob(i, 2)),
        contentPlayUv: Math.round((p.plays ?? 80) * wob(i, 3)),
        contentFinishRate: (p.finish ?? 0.25) * wob(i, 4),
        contentItemClickUv: Math.round((p.clicks ?? 12) * wob(i, 5)),
        contentSeedPayByrCnt: p.buyers ?? 2,
        contentSeedPayAmt: p.amount ?? 400,
      };
      if (p.expose !== undefined) values.contentExposeUv = Math.round(p.expose * wob(i, 6));
      out.push(fact('content', p.id, day(i, asOf), values, p.name ?? `内容${p.id}`, {}));
    }
  }
  return out;
}

export { DEFAULT_PROFILE };
