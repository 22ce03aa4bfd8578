/**
 * 万相台无界 end to end: the sycm home page makes shop A known, then the 万相台 report page (identity
 * only via the `lid` cookie) is browsed with the real extension: scene / campaign / keyword reports,
 * a date switch, an attribution switch and a 7-day summed window → facts under shop A with the right
 * entity, date, dims and the generator's numbers.
 */
import { describe, expect, it } from 'vitest';
import { campaignRows, keywordRows } from '../sandbox/generator/adReports.ts';
import { extensionSession, storedFacts, typeDate } from './family-helpers';
import { openHome, settle } from './harness';

const A = '106033221';
const D1 = '2026-11-20';
const D2 = '2026-11-18';

const rig = extensionSession();

const rendered = (sel: string) => rig.page.waitForSelector(`body[data-rendered^="${sel}"]`, { timeout: 30_000 });
const wxFacts = async () => storedFacts(rig.ext, 'wanxiang');

describe('万相台无界 capture', () => {
  it('before sycm shows the shop, the lid nick keeps the facts under a provisional nick shop', async () => {
    await rig.page.goto(`https://one.alimama.com/index.html#!/report/account?rptType=account&startTime=${D1}&effectEqual=15`);
    await rendered(`account|${D1}|${D1}|15`);
    await settle(rig.ext);
    const facts = await wxFacts();
    expect(facts.length).toBeGreaterThan(0);
    expect(new Set(facts.map((f) => f.shopId))).toEqual(new Set(['nick:暖居家纺旗舰店']));
  });

  it('after the sycm home page, scene rows are shop A ad spend per scene, equal to the home KPIs', async () => {
    await openHome(rig.page, D1);
    await settle(rig.ext);
    // The provisional shop was folded into shop A when 生意参谋 showed the nick.
    expect((await wxFacts()).every((f) => f.shopId === A)).toBe(true);
    await rig.page.goto(`https://one.alimama.com/index.html#!/report/account?rptType=account&startTime=${D1}&effectEqual=15`);
    await rendered(`account|${D1}|${D1}|15`);
    await settle(rig.ext);
    const facts = await wxFacts();
    const scenes = facts.filter((f) => f.entityKind === 'shop' && f.dims.scene && f.date === D1);
    const truth = rig.sandbox.world.shopDay(A, D1);
    const bySc = Object.fromEntries(scenes.map((f) => [f.dims.scene, f.values.adSpend]));
    expect(bySc).toEqual({ '371': truth.p4pExpendAmt, '372': truth.cubeAmt, '373': truth.feedCharge, '418': truth.adStrategyAmt });
    expect(scenes.every((f) => f.shopId === A && f.grain === 'day' && f.dims.attr === '15' && f.dims.unify === 'zhai')).toBe(true);
    const all = facts.find((f) => f.dims.bizCode === 'all' && f.date === D1);
    expect(all?.values.adSpend).toBeCloseTo(truth.p4pExpendAmt + truth.cubeAmt + truth.feedCharge + truth.adStrategyAmt, 2);
  });

  it('keyword tab, then a date switch: keyword facts with the world’s numbers and the page’s row ids', async () => {
    await rig.page.click('[data-tab="bidword"]');
    await rendered(`bidword|${D1}|${D1}|15`);
    await typeDate(rig.page, D2);
    await rendered(`bidword|${D2}|${D2}|15`);
    await settle(rig.ext);
    const kws = (await wxFacts()).filter((f) => f.entityKind === 'keyword');
    const world = keywordRows(rig.sandbox.world, A, D2, 15);
    const onD2 = kws.filter((f) => f.date === D2);
    expect(onD2).toHaveLength(world.length);
    const w0 = world[0];
    const f0 = onD2.find((f) => f.entityId === w0?.day.keywordId);
    expect(f0).toMatchObject({ shopId: A, grain: 'day', entityName: w0?.keyword?.word, dims: { attr: '15', unify: 'zhai' } });
    expect(f0?.values.adSpend).toBe(w0?.day.charge);
    expect(f0?.values.adClicks).toBe(w0?.day.clicks);
    expect(f0?.values.adGmv).toBe(w0?.row.alipayInshopAmt);
    const rowIds = await rig.page.$$eval('tr[data-keyword-id]', (trs) => trs.map((t) => (t as HTMLElement).dataset.keywordId));
    expect(new Set(onD2.map((f) => f.entityId))).toEqual(new Set(rowIds));
    expect(kws.some((f) => f.date === D1)).toBe(true);
  });

  it('an attribution switch stores the same keywords under attr 3 without touching attr 15', async () => {
    const before = (await wxFacts()).filter((f) => f.dims.attr === '15');
    await rig.page.selectOption('#attr-select', '3');
    await rendered(`bidword|${D2}|${D2}|3`);
    await settle(rig.ext);
    const facts = await wxFacts();
    const a3 = facts.filter((f) => f.entityKind === 'keyword' && f.date === D2 && f.dims.attr === '3');
    expect(a3.length).toBe(keywordRows(rig.sandbox.world, A, D2, 3).length);
    expect(facts.filter((f) => f.dims.attr === '15')).toEqual(before);
  });

  it('campaign tab over a 7-day summed window → range facts with `to`', async () => {
    await rig.page.selectOption('#attr-select', '15');
    await rig.page.click('[data-tab="campaign"]');
    await rig.page.selectOption('#span-select', '7');
    const from = '2026-11-12';
    await rendered(`campaign|${from}|${D2}|15`);
    await settle(rig.ext);
    const ranges = (await wxFacts()).filter((f) => f.entityKind === 'campaign' && f.grain === 'range');
    expect(ranges).toHaveLength(5);
    const c0 = ranges[0];
    expect(c0).toMatchObject({ date: from, dims: { attr: '15', unify: 'zhai', to: D2 } });
    let spend = 0;
    for (let d = from; d <= D2; d = new Date(Date.parse(`${d}T00:00:00Z`) + 864e5).toISOString().slice(0, 10)) {
      spend += campaignRows(rig.sandbox.world, A, d, 15).find((r) => r.campaign.campaignId === c0?.entityId)?.row.charge ?? 0;
    }
    expect(c0?.values.adSpend).toBeCloseTo(spend, 2);
  });
});
