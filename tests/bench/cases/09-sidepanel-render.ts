/**
 * Row 9 (issue 5): side panel first render with a year of data, in Chromium with the built
 * extension. The extension's IndexedDB is filled with a year of shop-level days, 1,000 items and
 * 2,000 keywords × 30 days and a set of findings; then the side panel is loaded and timed from
 * navigation start until the overview (KPI cards, trend, health grid, findings) is on screen.
 */
import { launchBench } from '../lib/browser';
import { spread } from '../lib/stats';
import type { BenchCase } from '../types';

const sidepanelRender: BenchCase = {
  id: 'sidepanel-render',
  label: 'Side panel first render with a year of data (Chromium)',
  budget: '≤ 800 ms',
  noisy: true,
  async run(opts) {
    const b = await launchBench({ args: [`--disable-extensions-except=${opts.extensionDir}`, `--load-extension=${opts.extensionDir}`] });
    try {
      const sw = b.ctx.serviceWorkers()[0] ?? (await b.ctx.waitForEvent('serviceworker', { timeout: 30_000 }));
      const extId = new URL(sw.url()).host;
      const page = await b.ctx.newPage();
      // tsx keeps function names with a `__name` helper that the page does not have.
      await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      await page.setViewportSize({ width: 400, height: 900 });
      await page.goto(`chrome-extension://${extId}/sidepanel.html`);
      await page.waitForSelector('[data-testid="empty-state"]');
      const items = opts.quick ? 300 : 1000;
      const keywords = opts.quick ? 600 : 2000;
      opts.log(`sidepanel-render: seeding a year of shop days, ${items} items and ${keywords} keywords × 30 days…`);
      const n = await page.evaluate(
        async ({ items, keywords }) => {
          const SHOP = '106033221';
          const db: IDBDatabase = await new Promise((res, rej) => {
            const r = indexedDB.open('opsradar');
            r.onsuccess = () => res(r.result);
            r.onerror = () => rej(r.error);
          });
          const day = (i: number) => new Date(Date.UTC(2026, 10, 20) - i * 86400000).toISOString().slice(0, 10);
          const base = { shopId: SHOP, grain: 'day', source: { adapter: 'bench', route: 'bench' }, capturedAt: 1, updatedAt: 1 };
          const rows: Record<string, unknown>[] = [];
          for (let i = 0; i < 400; i++) {
            const uv = 9000 + (i % 7) * 500;
            rows.push({
              ...base,
              id: `${SHOP}|shop|${SHOP}|day|${day(i)}|device=0`,
              entityKind: 'shop',
              entityId: SHOP,
              date: day(i),
              dims: { device: '0' },
              values: {
                uv,
                payByrCnt: uv * 0.02,
                payAmt: uv * 3,
                payPct: 150,
                payRate: 0.02,
                cartByrCnt: 700,
                cltItmCnt: 300,
                p4pExpendAmt: 1500,
                cubeAmt: 500,
              },
            });
          }
          for (let i = 0; i < 30; i++) {
            for (let k = 0; k < items; k++)
              rows.push({
                ...base,
                id: `${SHOP}|item|9${k}|day|${day(i)}|device=0`,
                entityKind: 'item',
                entityId: `9${k}`,
                entityName: `商品 ${k}`,
                date: day(i),
                dims: { device: '0' },
                values: { uv: 30 + k, payAmt: 100 + k, payByrCnt: 2, payRate: 0.05 },
              });
            for (let k = 0; k < keywords; k++)
              rows.push({
                ...base,
                id: `${SHOP}|keyword|kw${k}|day|${day(i)}|attr=15`,
                entityKind: 'keyword',
                entityId: `kw${k}`,
                entityName: `关键词${k}`,
                date: day(i),
                dims: { attr: '15' },
                values: { adSpend: 10, adClicks: 8, adGmv: 30 },
              });
          }
          const findings = Array.from({ length: 80 }, (_, k) => ({
            id: `bench-${k}|${SHOP}|shop|${SHOP}`,
            ruleId: `da-01-visitors`,
            shopId: SHOP,
            area: ['SEL', 'ADS', 'ACT', 'CS', 'DA', 'CNT', 'SC', 'TEAM'][k % 8],
            status: k % 3 ? 'ok' : 'fired',
            severity: 'P2',
            entity: { kind: 'shop', id: SHOP },
            period: { from: day(0), to: day(0) },
            title: { zh: `诊断 ${k}`, en: `Finding ${k}` },
            detail: { zh: '说明', en: 'detail' },
            suggestion: { zh: '建议', en: 'next step' },
            evidence: [],
            thresholds: {},
            thresholdsAreDefaults: true,
            fingerprint: `f${k}`,
            firstSeenAt: 1,
            updatedAt: 1,
          }));
          await new Promise<void>((res, rej) => {
            const tx = db.transaction(['facts', 'shops', 'findings'], 'readwrite');
            const f = tx.objectStore('facts');
            for (const r of rows) f.put(r);
            tx.objectStore('shops').put({ id: SHOP, title: '暖居家纺旗舰店', mainUserName: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 2 });
            for (const x of findings) tx.objectStore('findings').put(x);
            tx.oncomplete = () => res();
            tx.onerror = () => rej(tx.error);
          });
          db.close();
          return rows.length;
        },
        { items, keywords },
      );
      const xs: number[] = [];
      for (let i = 0; i < (opts.quick ? 3 : 5); i++) {
        await page.reload();
        const t = await page.waitForFunction(
          () => {
            const ready =
              document.querySelector('[data-testid="health-grid"]') &&
              document.querySelector('[data-kpi="payAmt"] .value')?.textContent?.includes('¥') &&
              document.querySelector('canvas');
            return ready ? performance.now() : null;
          },
          undefined,
          { polling: 'raf', timeout: 30_000 },
        );
        xs.push(Number(await t.jsonValue()));
      }
      const s = spread(xs);
      return {
        figure: `${Math.round(s.median)} ms (median of ${xs.length}; ${Math.round(s.min)}–${Math.round(s.max)}) with ${n.toLocaleString('en')} facts`,
        pass: s.median <= 800,
        note: `${opts.quick ? 'quick mode: 300 items, 600 keywords; ' : ''}timed from navigation start to KPI cards, trend canvas and health grid on screen`,
        details: { ms: xs, facts: n },
      };
    } finally {
      await b.close();
    }
  },
};
export default sidepanelRender;
