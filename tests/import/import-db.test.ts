/**
 * Import into IndexedDB (fake-indexeddb): facts land on the ids the adapters give the same data,
 * the merge is the captures' merge (newest wins per metric), a repeat changes nothing, and a bad
 * file writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import type { OpsRadarDB } from '@/lib/db/database';
import { recordCapture } from '@/lib/db/writes';
import { commitReport } from '@/lib/import/commit';
import { type FilePlan, planFile } from '@/lib/import/plan';
import type { ImportOptions } from '@/lib/import/types';
import type { Fact } from '@/lib/schema/fact';
import { adMsg, KNOWN_A } from '../adapters/ad-capture';
import { captureMsg, fixture } from '../helpers';
import { FILE_TIME, fixtureFile, freshDb, NOW, SHOP } from './helpers';

const plan = async (db: OpsRadarDB, file: string, opts: Partial<ImportOptions> = {}, lastModified = FILE_TIME) =>
  planFile(fixtureFile(file, lastModified), { shopId: SHOP, ...opts }, { db, now: NOW });

function ok(p: FilePlan) {
  if (!p.ok) throw new Error(`${p.error.code}: ${p.error.zh}`);
  return p.report;
}

async function importFile(db: OpsRadarDB, file: string, opts: Partial<ImportOptions> = {}, lastModified = FILE_TIME) {
  return commitReport(db, ok(await plan(db, file, opts, lastModified)), NOW);
}

const CAPTURE_AT = Date.UTC(2026, 5, 10, 2); // the adapter fixtures' capture time: before FILE_TIME

/** Overlapping metrics of an imported and a captured fact are the same numbers. */
function sameValues(imported: Fact | undefined, captured: Fact | undefined) {
  expect(imported && captured).toBeTruthy();
  const shared = Object.keys(imported?.values ?? {}).filter((k) => k in (captured?.values ?? {}));
  expect(shared.length).toBeGreaterThan(2);
  for (const k of shared) expect(imported?.values[k], k).toBeCloseTo(captured?.values[k] ?? Number.NaN, 4);
}

describe('import into the database', () => {
  it('商品排行: the import lands on the ids and values of the sycm-item capture of the same day', async () => {
    const db = await freshDb();
    const url =
      'https://sycm.taobao.com/cc/item/view/top.json?dateType=day&dateRange=2026-06-01%7C2026-06-01&page=1&pageSize=10&order=desc&orderBy=payAmt&device=0&token=1&_=1';
    const cap = processCapture(captureMsg(url, fixture('sycm-item', 'item-rank-top.json'), { capturedAt: CAPTURE_AT }), []);
    const r = ok(await plan(db, 'sycm-item-rank.xls'));
    expect(r.facts.map((f) => f.id).sort()).toEqual(cap.facts.map((f) => f.id).sort());
    sameValues(
      r.facts.find((f) => f.entityId === '680000000001'),
      cap.facts.find((f) => f.entityId === '680000000001'),
    );
  });

  it('直通车 单元 and 万相台 商品: same ids as the adapters (attribution window and device dims included)', async () => {
    const db = await freshDb();
    const qp = { ...JSON.parse(fixture('zhitongche', 'rpt-campaign-list.queryParam.json')), effectEqual: 15 };
    const body = new URLSearchParams({ queryParam: JSON.stringify(qp), sla: 'json', isAjaxRequest: 'true', token: 't' }).toString();
    const ztc = processCapture(
      adMsg('https://subway.simba.taobao.com/openapi/param2/1/gateway.subway/rpt/rptAdgroupList$', fixture('zhitongche', 'rpt-adgroup-list.json'), body),
      KNOWN_A,
    );
    const zr = ok(await plan(db, 'zhitongche-adgroup_2026-06-01.zip', { attr: '15' }));
    const zc = ztc.facts[0];
    const zi = zr.facts.find((f) => f.id === zc?.id);
    sameValues(zi, zc);

    // The item report rows of an export are per campaign: the capture of the same query (campaign + promotion domains).
    const wxJson = JSON.parse(fixture('wanxiang', 'report-item.json'));
    wxJson.data.list[0].campaignId = 71000001;
    const wxReq = { ...JSON.parse(fixture('wanxiang', 'report-item.request.json')), queryDomains: ['campaign', 'promotion'] };
    delete wxReq.bizCodeIn;
    const wx = processCapture(
      adMsg('https://one.alimama.com/report/query.json?csrfId=c&bizCode=universalBP', JSON.stringify(wxJson), JSON.stringify(wxReq)),
      KNOWN_A,
    );
    const wr = ok(await plan(db, 'wanxiang-item_2026-06-01.xlsx', { attr: '15' }));
    sameValues(
      wr.facts.find((f) => f.id === wx.facts[0]?.id),
      wx.facts[0],
    );
  });

  it('店铺来源: names resolve to the pageIds captured from the source tree', async () => {
    const db = await freshDb();
    const tree = processCapture(
      captureMsg(
        'https://sycm.taobao.com/flow/v5/shop/source/tree.json?dateType=day&dateRange=2026-06-01%7C2026-06-01&device=2&belong=all',
        fixture('sycm-flow', 'tree-v5.json'),
        {
          capturedAt: CAPTURE_AT,
        },
      ),
      [],
    );
    await recordCapture(db, tree, { url: 'x', at: CAPTURE_AT });
    const r = ok(await plan(db, 'sycm-shop-source_2026-06-01.xlsx'));
    const byName = new Map(r.facts.filter((f) => !f.dims.carrier).map((f) => [f.entityName, f]));
    expect(byName.get('手淘搜索')?.entityId).toBe('23.s1150');
    expect(byName.get('手淘搜索')?.id).toBe(tree.facts.find((f) => f.entityId === '23.s1150')?.id);
    expect(byName.get('平台流量')?.id).toBe(tree.facts.find((f) => f.entityId === '23')?.id);
    expect(byName.get('直通车')?.entityId).toBe('22.2');
    expect(r.counts.updated).toBeGreaterThanOrEqual(4);
    // 分载体流量来源 rows are kept apart by carrier.
    expect(r.facts.find((f) => f.dims.carrier === '直播')?.entityId).toBe('23.s1150');
  });

  it('writes in one transaction with a capture-log line; a repeat of the same file changes nothing', async () => {
    const db = await freshDb();
    const first = await importFile(db, 'sycm-macro.xlsx');
    expect(first).toMatchObject({ written: 3, unchanged: 0 });
    const before = await db.facts.toArray();
    const again = ok(await plan(db, 'sycm-macro.xlsx'));
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 3 });
    expect(await commitReport(db, again, NOW + 1000)).toMatchObject({ written: 0, unchanged: 3 });
    expect(await db.facts.toArray()).toEqual(before);
    const log = await db.captures.toArray();
    expect(log.map((l) => [l.outcome, l.adapter, l.route, l.facts])).toEqual([
      ['imported', 'import:sycm-macro', 'sycm-macro.xlsx', 3],
      ['imported', 'import:sycm-macro', 'sycm-macro.xlsx', 0],
    ]);
    expect(before[0]).toMatchObject({ capturedAt: FILE_TIME, source: { adapter: 'import:sycm-macro', imported: true } });
  });

  it('a capture made after the file was downloaded wins per metric; the import adds the metrics the capture lacks', async () => {
    const db = await freshDb();
    const url = 'https://sycm.taobao.com/cc/item/view/top.json?dateType=day&dateRange=2026-06-01%7C2026-06-01&device=0&token=1&_=1';
    const json = JSON.parse(fixture('sycm-item', 'item-rank-top.json'));
    json.data.data[0].payAmt = { value: 9999 };
    delete json.data.data[0].ytdPayAmt;
    const later = FILE_TIME + 3600_000;
    await recordCapture(db, processCapture(captureMsg(url, JSON.stringify(json), { capturedAt: later }), []), { url, at: later });
    const id = `${SHOP}|item|680000000001|day|2026-06-01|device=0`;
    const r = ok(await plan(db, 'sycm-item-rank.xls'));
    expect(r.counts.new).toBe(0);
    expect(r.counts.updated + r.counts.unchanged).toBe(3);
    await commitReport(db, r, NOW);
    const f = await db.facts.get(id);
    expect(f?.values.payAmt).toBe(9999); // the later capture
    expect(f?.values.ytdPayAmt).toBe(612000); // only the file had it
    expect(f?.capturedAt).toBe(later);
    // An older capture loses to the file.
    const db2 = await freshDb();
    await recordCapture(db2, processCapture(captureMsg(url, JSON.stringify(json), { capturedAt: CAPTURE_AT }), []), { url, at: CAPTURE_AT });
    await importFile(db2, 'sycm-item-rank.xls');
    expect((await db2.facts.get(id))?.values.payAmt).toBe(8286.2);
  });

  it.each([
    ['bad-mojibake.csv', 'encoding', '无法识别表头：可能是编码问题'],
    ['bad-missing-columns.xlsx', 'missing-columns', '缺少必需的列（生意参谋 商品排行）：商品ID'],
    ['bad-empty.csv', 'empty', '文件是空的'],
    ['bad-unknown.csv', 'unknown-report', '无法识别的报表类型'],
    ['bad-corrupt.zip', 'corrupt', '文件已损坏'],
    ['bad-corrupt.xlsx', 'corrupt', '文件已损坏'],
    ['bad-disclaimer-only.xls', 'disclaimer-only', '文件只有说明行'],
    ['bad-header-only.xlsx', 'no-rows', '有表头但没有数据行'],
    ['sycm-item360-core_2026-06-01.xlsx', 'needs-item-id', '请填写商品ID'],
  ])('%s → %s, nothing written', async (file, code, zh) => {
    const db = await freshDb();
    await importFile(db, 'sycm-macro.xlsx');
    const before = await db.facts.toArray();
    const p = await plan(db, file);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.error.code).toBe(code);
    expect(p.error.zh).toContain(zh);
    expect(p.error.en.length).toBeGreaterThan(10);
    expect(await db.facts.toArray()).toEqual(before);
  });

  it('an unknown shop is refused with a message; a bad item id or a missing date is asked for', async () => {
    const db = await freshDb();
    const p = await planFile(fixtureFile('sycm-macro.xlsx'), { shopId: '999' }, { db, now: NOW });
    expect(!p.ok && p.error).toMatchObject({ code: 'unknown-shop' });
    expect(!p.ok && p.error.zh).toContain('店铺 999 不在已知店铺中');
    const bad = await plan(db, 'sycm-item360-core_2026-06-01.xlsx', { itemId: '12ab' });
    expect(!bad.ok && bad.error.code).toBe('needs-item-id');
    const noDate = await planFile({ ...fixtureFile('qianniu-cs_2026-06-01.xlsx'), name: 'cs.xlsx' }, { shopId: SHOP }, { db, now: NOW });
    expect(!noDate.ok && [noDate.error.code, noDate.asks]).toEqual(['needs-date', ['date']]);
    expect(await db.facts.count()).toBe(0);
  });

  it('a file time in the future or missing is replaced by the import time', async () => {
    const db = await freshDb();
    const r = ok(await plan(db, 'sycm-macro.xlsx', {}, NOW + 86400_000));
    expect(r.facts[0]?.capturedAt).toBe(NOW);
    const r2 = ok(await plan(db, 'sycm-macro.xlsx', {}, 0));
    expect(r2.facts[0]?.capturedAt).toBe(NOW);
  });
});
