/**
 * 流量 end to end: browse the sandbox 店铺来源 (device 2, then 所有终端, then the 手淘搜索 keywords)
 * and 流量总览 with the real extension → source / keyword / shop facts under shop A with the
 * generator's numbers, device kept apart, and the planted drop visible in 手淘搜索.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { flowOverview, searchKeywordDays, sourceDaysForDevice } from '../sandbox/generator/flow-live.ts';
import { extensionSession, storedFacts, typeDate } from './family-helpers';
import { settle } from './harness';

const A = '106033221';
const D = '2026-11-20';
const BEFORE = '2026-10-16';

const rig = extensionSession();

const rendered = (p: Page, date: string, device: string) =>
  p.waitForSelector(`body[data-rendered-date="${date}"][data-rendered-device="${device}"]`, { timeout: 30_000 });

describe('流量 capture', () => {
  it('stores the 店铺来源 tree for device 2 (page default) and 所有终端, with generator values', async () => {
    await rig.page.goto(`https://sycm.taobao.com/flow/monitor/shopsource/construction?belong=all&dateType=day&dateRange=${D}%7C${D}`);
    await rendered(rig.page, D, '2');
    await rig.page.selectOption('#device', '0');
    await rendered(rig.page, D, '0');
    await typeDate(rig.page, BEFORE);
    await rendered(rig.page, BEFORE, '0');
    await settle(rig.ext);
    const facts = (await storedFacts(rig.ext)).filter((f) => f.shopId === A && f.entityKind === 'source');
    for (const device of ['0', '2'] as const) {
      const truth = sourceDaysForDevice(rig.sandbox.world, A, D, device);
      const mine = facts.filter((f) => f.date === D && f.dims.device === device && f.grain === 'day');
      expect(mine).toHaveLength(truth.length);
      for (const t of truth) {
        const f = mine.find((x) => x.entityId === t.pageId);
        expect(f?.entityName).toBe(t.pageName);
        expect(f?.dims).toEqual({ device, belong: 'all', level: String(t.pageLevel), parent: t.pPageId });
        expect(f?.values).toMatchObject({ uv: t.uv, payAmt: t.payAmt, payByrCnt: t.payByrCnt, crtByrCnt: t.crtByrCnt, uvValue: t.uvValue });
      }
    }
    // Device 0 level-1 sources add up to the home page's shop visitors.
    const level1 = facts.filter((f) => f.date === D && f.dims.device === '0' && f.dims.level === '1');
    expect(level1.reduce((a, f) => a + (f.values.uv ?? 0), 0)).toBe(rig.sandbox.world.shopDay(A, D).uv);
    // The planted traffic drop shows in 手淘搜索 (vs the same weekday a month earlier).
    const uv = (date: string, id: string) => facts.find((f) => f.date === date && f.entityId === id && f.dims.device === '0')?.values.uv ?? 0;
    expect(uv(D, '23.s1150') / uv(BEFORE, '23.s1150')).toBeLessThan(0.6);
    expect(uv(D, '22.2') / uv(BEFORE, '22.2')).toBeGreaterThan(0.85);
  });

  it('stores the 手淘搜索 keywords of the drill-down', async () => {
    await rig.page.goto(`https://sycm.taobao.com/flow/monitor/shopsource?belong=all&dateType=day&dateRange=${D}%7C${D}&device=2`);
    await rendered(rig.page, D, '2');
    await rig.page.click('#open-keywords');
    await rig.page.waitForSelector('body[data-keywords-state="done"]');
    await settle(rig.ext);
    const kws = (await storedFacts(rig.ext)).filter((f) => f.shopId === A && f.entityKind === 'keyword' && f.date === D);
    const truth = searchKeywordDays(rig.sandbox.world, A, D, '2');
    expect(kws.map((k) => [k.entityId, k.values.uv, k.dims.source, k.dims.device]).sort()).toEqual(truth.map((t) => [t.keyword, t.uv, '23.s1150', '2']).sort());
  });

  it('stores 流量总览 as a device-2 shop fact, apart from the device-0 home facts', async () => {
    await rig.page.goto(`https://sycm.taobao.com/flow/monitor/overview?dateType=day&dateRange=${D}%7C${D}`);
    await rendered(rig.page, D, '2');
    await settle(rig.ext);
    const shop = (await storedFacts(rig.ext)).filter((f) => f.shopId === A && f.entityKind === 'shop' && f.date === D);
    const ov = flowOverview(rig.sandbox.world, A, D, '2');
    expect(shop).toHaveLength(1);
    expect(shop[0]).toMatchObject({ entityId: A, grain: 'day', dims: { device: '2' } });
    expect(shop[0]?.values).toMatchObject({ uv: ov.uv, itmUv: ov.itmUv, pv: ov.pv, newUv: ov.newUv });
  });

  it('reloading duplicates nothing', async () => {
    const before = await storedFacts(rig.ext);
    await rig.page.reload();
    await rendered(rig.page, D, '2');
    await settle(rig.ext, 'captures');
    const after = await storedFacts(rig.ext);
    expect(after.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());
  });
});
