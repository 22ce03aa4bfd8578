/**
 * 引力魔方 end to end: sycm home makes shop A known; the 引力魔方 report page loads its crowd-campaign
 * report (GET with startTime/endTime/effect/effectType) → campaign facts whose spend equals the shop's
 * 精准人群推广费 (cubeAmt) of that day.
 */
import { describe, expect, it } from 'vitest';
import { extensionSession, storedFacts, typeDate } from './family-helpers';
import { openHome, settle } from './harness';

const A = '106033221';
const D = '2026-11-20';

const rig = extensionSession();

describe('引力魔方 capture', () => {
  it('crowd campaign facts under shop A equal cubeAmt', async () => {
    await openHome(rig.page, D);
    await rig.page.goto('https://tuijian.taobao.com/indexbp.html#!/report/index');
    await rig.page.waitForSelector('body[data-rendered]');
    await typeDate(rig.page, D);
    await rig.page.waitForSelector(`body[data-rendered="${D}|15"]`);
    await settle(rig.ext);
    const facts = (await storedFacts(rig.ext)).filter((f) => f.source.adapter === 'yinli' && f.date === D);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ shopId: A, entityKind: 'campaign', grain: 'day', dims: { attr: '15', effectType: 'click' } });
    expect(facts[0]?.values.adSpend).toBe(rig.sandbox.world.shopDay(A, D).cubeAmt);
  });
});
