/**
 * 生意参谋 服务 end to end: browse the sandbox 客服绩效 page (mtop KPIs from h5api.m.taobao.com, csp
 * lists from sycm) with the real extension → shop and agent facts under the right shop, date and
 * dims, equal to the generator's truth; no buyer data stored.
 */
import { describe, expect, it } from 'vitest';
import { refundCases, serviceKpi } from '../sandbox/generator/service.ts';
import { extensionSession, type StoredFact, storedFacts, typeDate } from './family-helpers';
import { settle } from './harness';

const A = '106033221';
const D1 = '2026-11-20';
const D2 = '2026-11-18';

const rig = extensionSession();

async function openService(date: string): Promise<void> {
  await rig.page.goto(`https://sycm.taobao.com/qos/service/frame/customer/performance/new?dateType=day&dateRange=${date}%7C${date}`);
  await rig.page.waitForSelector(`body[data-rendered-date="${date}"]`, { timeout: 30_000 });
}

function expectDay(facts: StoredFact[], date: string): void {
  const w = rig.sandbox.world;
  const agents = w.agentDays(A, date);
  const day = w.shopDay(A, date);
  const kpi = serviceKpi(w.seed, A, date, day, agents);
  const mine = facts.filter((f) => f.shopId === A && f.date === date && f.source.adapter === 'sycm-service');

  const shopKpi = mine.find((f) => f.entityKind === 'shop' && f.dims.queryType === undefined);
  expect(shopKpi?.grain).toBe('day');
  expect(shopKpi?.dims).toEqual({ device: '0' });
  expect(shopKpi?.values).toMatchObject({
    consultUserCnt: kpi.consultUserCnt,
    wwConsultPayRate: kpi.wwConsultPayRate,
    avgReplyInterval: kpi.avgReplyInterval,
    customerAllSateRate: kpi.customerAllSateRate,
    customerServiceGmv: kpi.customerServiceGmv,
  });

  const agentFacts = mine.filter((f) => f.entityKind === 'agent');
  expect(agentFacts.map((f) => f.entityId).sort()).toEqual(agents.map((a) => a.nick).sort());
  for (const a of agents) {
    const f = agentFacts.find((x) => x.entityId === a.nick);
    expect(f?.values).toEqual({
      consultUserCnt: a.consultUv,
      consultFinalPayRate: a.inquiryConvRate,
      firstReplyInterval: a.firstReplySec,
      avgReplyInterval: a.avgReplySec,
    });
  }

  // The list counts merge into the shop-day fact of all terminals, next to the KPIs.
  expect(shopKpi?.values.cspConsultCnt).toBe(kpi.consultUserCnt);
  expect(shopKpi?.values.cspInquiryLossCnt).toBe(kpi.consultUserCnt - kpi.customerServiceSaleCnt);
  expect(shopKpi?.values.cspSlowReplyCnt).toBeGreaterThanOrEqual(0);
  const byRoute = (r: string) => mine.find((f) => f.source.route === r);
  const cases = refundCases(
    w.seed,
    A,
    date,
    day,
    w.items(A).map((i) => i.title),
  );
  const refund = byRoute('csp-refund');
  expect(refund?.dims).toEqual({ device: '0', queryType: 'caseEnd' });
  expect(refund?.values.cspRefundCaseCnt).toBe(cases.length);
  if (cases.length <= 20) expect(refund?.values.cspRefundAmt).toBeCloseTo(day.rfdSucAmt, 2);
  else expect(refund?.values.cspRefundAmt).toBeUndefined();
}

describe('sycm 服务 capture', () => {
  it('stores the 客服绩效 page: shop KPIs, one fact per agent, csp counts', async () => {
    await openService(D1);
    await settle(rig.ext);
    const facts = await storedFacts(rig.ext);
    expectDay(facts, D1);
    // Agents are staff: the page shows 6 of them and every stored agent id is a sub-account nick.
    expect(await rig.page.locator('#agents-table tr[data-agent-id]').count()).toBe(6);
    expect(JSON.stringify(facts)).not.toMatch(/\*\*\*|"orderId"|caseId/);
  });

  it('re-fetches on a date change and stores that day too', async () => {
    await typeDate(rig.page, D2);
    await rig.page.waitForSelector(`body[data-rendered-date="${D2}"]`, { timeout: 30_000 });
    await settle(rig.ext);
    const facts = await storedFacts(rig.ext);
    expectDay(facts, D2);
    expectDay(facts, D1);
  });
});
