/**
 * 实时 end to end: the sandbox /portal/live.htm with the real extension → today-so-far facts
 * (grain live, today's date) equal to the generator's snapshot, yesterday as a closed day, the
 * rank's items; a later snapshot replaces the earlier one under the same key.
 */
import { describe, expect, it } from 'vitest';
import { liveItems, liveShop, liveSources, yesterdayShop } from '../sandbox/generator/flow-live.ts';
import { addDays, beijingDate } from '../sandbox/generator/index.ts';
import { extensionSession, storedFacts } from './family-helpers';
import { settle } from './harness';

const A = '106033221';
// Live data belongs to the real today (the extension dates it by the capture clock).
const TODAY = beijingDate(Date.now());
const YEST = addDays(TODAY, -1);

const rig = extensionSession(TODAY);

const setMinute = (m: number) => rig.browser.ctx.addCookies([{ name: 'sandbox_minute', value: String(m), domain: 'sycm.taobao.com', path: '/', secure: true }]);

describe('实时 capture', () => {
  it('stores today so far as live, yesterday as a closed day, the rank items and live sources', async () => {
    await setMinute(635);
    await rig.page.goto('https://sycm.taobao.com/portal/live.htm');
    await rig.page.waitForSelector(`body[data-rendered-date="${TODAY}"][data-snapshot-minute="635"]`, { timeout: 30_000 });
    await rig.page.selectOption('#rank-index', 'payAmt');
    await rig.page.waitForSelector('body[data-rank-state="payAmt-1"]');
    await settle(rig.ext);
    const facts = (await storedFacts(rig.ext)).filter((f) => f.shopId === A);
    const live = facts.filter((f) => f.entityKind === 'shop' && f.grain === 'live');
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ entityId: A, date: TODAY, dims: { device: '0' } });
    expect(live[0]?.values).toEqual(liveShop(rig.sandbox.world, A, TODAY, 635));
    const y = facts.find((f) => f.entityKind === 'shop' && f.grain === 'day' && f.date === YEST);
    expect(y?.values).toMatchObject(yesterdayShop(rig.sandbox.world, A, TODAY));
    const items = facts.filter((f) => f.entityKind === 'item' && f.grain === 'live');
    const truth = [...liveItems(rig.sandbox.world, A, TODAY, 635, 'uv').slice(0, 10), ...liveItems(rig.sandbox.world, A, TODAY, 635, 'payAmt').slice(0, 10)];
    expect(new Set(items.map((i) => i.entityId))).toEqual(new Set(truth.map((t) => t.itemId)));
    const first = truth[0];
    expect(items.find((i) => i.entityId === first?.itemId)?.values).toEqual({
      uv: first?.uv,
      payAmt: first?.payAmt,
      payByrCnt: first?.payByrCnt,
      cartItemCnt: first?.cartItmCnt,
    });
    const src = facts.filter((f) => f.entityKind === 'source' && f.grain === 'live');
    const st = liveSources(rig.sandbox.world, A, TODAY, 635, '2').slice(0, 10);
    expect(src.map((s) => [s.entityId, s.values.uv, s.dims.device]).sort()).toEqual(st.map((s) => [s.pageId, s.uv, '2']).sort());
  });

  it('a later snapshot replaces the earlier one under the same key', async () => {
    const before = (await storedFacts(rig.ext)).filter((f) => f.shopId === A && f.entityKind === 'shop' && f.grain === 'live');
    await setMinute(900);
    await rig.page.reload();
    await rig.page.waitForSelector(`body[data-rendered-date="${TODAY}"][data-snapshot-minute="900"]`, { timeout: 30_000 });
    await settle(rig.ext);
    const after = (await storedFacts(rig.ext)).filter((f) => f.shopId === A && f.entityKind === 'shop' && f.grain === 'live');
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before[0]?.id);
    expect(after[0]?.values).toEqual(liveShop(rig.sandbox.world, A, TODAY, 900));
    expect(after[0]?.values.uv).toBeGreaterThan(before[0]?.values.uv ?? 0);
  });
});
