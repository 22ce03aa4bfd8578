/**
 * 直通车 end to end: sycm home makes shop A known; the 直通车 page (tracknick cookies +
 * getLoginUserInfo) loads the campaign list and the keyword report through form-POSTed `queryParam`;
 * the facts carry 直通车's numbers converted (percent → decimal) under the same metric ids as 万相台.
 */
import { describe, expect, it } from 'vitest';
import { campaignRows, keywordRows } from '../sandbox/generator/adReports.ts';
import { extensionSession, storedFacts, typeDate } from './family-helpers';
import { openHome, settle } from './harness';

const A = '106033221';
const D = '2026-11-20';

const rig = extensionSession();

const facts = async () => storedFacts(rig.ext, 'zhitongche');

describe('直通车 capture', () => {
  it('campaign list and keyword report of shop A, converted to catalog units', async () => {
    await openHome(rig.page, D);
    await rig.page.goto('https://subway.simba.taobao.com/#!/campaign/index');
    await rig.page.waitForSelector('body[data-rendered^="campaign|"]');
    await typeDate(rig.page, D);
    await rig.page.waitForSelector(`body[data-rendered="campaign|${D}|15"]`);
    await rig.page.click('[data-tab="keyword"]');
    await rig.page.waitForSelector(`body[data-rendered="keyword|${D}|15"]`);
    await settle(rig.ext);
    const all = await facts();
    expect(all.every((f) => f.shopId === A)).toBe(true);
    const camps = all.filter((f) => f.entityKind === 'campaign' && f.date === D);
    const truth = campaignRows(rig.sandbox.world, A, D, 15).filter((r) => r.campaign.type === 'keyword');
    expect(camps.map((f) => f.entityId).sort()).toEqual(truth.map((t) => t.campaign.campaignId).sort());
    const t0 = truth[0];
    const c0 = camps.find((f) => f.entityId === t0?.campaign.campaignId);
    expect(c0).toMatchObject({ grain: 'day', entityName: t0?.campaign.name, dims: { attr: '15', device: '0' } });
    expect(c0?.values.adSpend).toBe(t0?.row.charge);
    expect(c0?.values.adGmv).toBe(t0?.row.alipayInshopAmt);
    expect(c0?.values.adCvr).toBeCloseTo((t0?.row.alipayInshopNum ?? 0) / (t0?.row.click ?? 1), 4);
    const kws = all.filter((f) => f.entityKind === 'keyword' && f.date === D);
    expect(kws).toHaveLength(keywordRows(rig.sandbox.world, A, D, 15).length);
    const rowIds = await rig.page.$$eval('tr[data-keyword-id]', (trs) => trs.map((t) => (t as HTMLElement).dataset.keywordId));
    expect(new Set(kws.map((f) => f.entityId))).toEqual(new Set(rowIds));
  });

  it('a conversion-window switch adds attr 7 facts beside attr 15', async () => {
    await rig.page.selectOption('#effect-select', '7');
    await rig.page.waitForSelector(`body[data-rendered="keyword|${D}|7"]`);
    await settle(rig.ext);
    const all = await facts();
    const a7 = all.filter((f) => f.entityKind === 'keyword' && f.dims.attr === '7');
    const a15 = all.filter((f) => f.entityKind === 'keyword' && f.dims.attr === '15');
    expect(a7.length).toBe(a15.length);
    const k = a7[0];
    const same = a15.find((f) => f.entityId === k?.entityId);
    expect(k?.values.adSpend).toBe(same?.values.adSpend);
  });
});
