/**
 * 生意参谋 营销/内容 end to end: the 活动日历 page (API) and the 内容 作品分析 page (DOM reader) with
 * the real extension → activity and content facts under the right shop, period and values.
 */
import { describe, expect, it } from 'vitest';
import { activityTotals, contentDays } from '../sandbox/generator/marketing.ts';
import { contentPieces, shopActivities } from '../sandbox/hosts/sycm/marketing.ts';
import { extensionSession, storedFacts } from './family-helpers';
import { settle } from './harness';

const A = '106033221';
const TODAY = '2026-11-25';

const rig = extensionSession(TODAY);

describe('sycm 营销/内容 capture', () => {
  it('stores one range fact per measured activity of the calendar month', async () => {
    await rig.page.goto('https://sycm.taobao.com/datawar/activity/calendar?month=2026-11');
    await rig.page.waitForSelector('body[data-rendered-month="2026-11"]', { timeout: 30_000 });
    await settle(rig.ext);
    const facts = (await storedFacts(rig.ext)).filter((f) => f.shopId === A && f.entityKind === 'activity');
    const acts = shopActivities(rig.sandbox.world, A).filter((a) => a.start <= '2026-11-30' && a.end >= '2026-11-01' && a.start < TODAY);
    expect(acts.length).toBeGreaterThan(0);
    for (const a of acts) {
      const t = activityTotals(a, TODAY, (d) => rig.sandbox.world.shopDay(A, d));
      const f = facts.find((x) => x.entityId === a.activityId);
      expect(f).toMatchObject({ entityName: a.activityName, grain: 'range', date: a.start, dims: { to: a.end } });
      expect(f?.values).toEqual({ payAmt: t?.payAmt, uv: t?.uv, payByrCnt: t?.payByrCnt, payItmCnt: t?.payItmCnt });
    }
    // 双12 has not started: nothing stored for it.
    expect(facts.some((f) => f.date >= TODAY)).toBe(false);
  });

  it('reads the 作品分析 table into content facts of the page date, and a second date on navigation', async () => {
    for (const date of ['2026-11-20', '2026-11-19']) {
      await rig.page.goto(`https://sycm.taobao.com/xsite/contentanalysis/overview_new_v2?dateType=day&dateRange=${date}%7C${date}`);
      await rig.page.waitForSelector(`body[data-rendered-date="${date}"]`, { timeout: 30_000 });
      await settle(rig.ext, 'facts', 1500);
      const facts = (await storedFacts(rig.ext)).filter((f) => f.shopId === A && f.entityKind === 'content' && f.date === date);
      const truth = contentDays(rig.sandbox.world.seed, contentPieces(rig.sandbox.world, A), date, rig.sandbox.world.shopDay(A, date));
      expect(facts).toHaveLength(truth.length);
      for (const t of truth) {
        const f = facts.find((x) => x.entityId === t.contentId);
        expect(f).toMatchObject({ entityName: t.title, grain: 'day', dims: {} });
        expect(f?.values).toEqual({
          contentViewUv: t.viewUv,
          contentViewPv: t.viewPv,
          contentPlayUv: t.playUv,
          contentFinishRate: t.finishRate,
          contentAvgStay: t.avgStay,
          contentItemClickUv: t.itemClickUv,
          contentSeedPayByrCnt: t.seedPayByrCnt,
          contentSeedPayAmt: t.seedPayAmt,
        });
      }
    }
  });
});
