/**
 * Page transparency (issue #7): a console page doing fetch (json, text, blob, arrayBuffer, stream,
 * Request objects, aborts, network errors, redirects, 500s), XMLHttpRequest (every responseType,
 * synchronous, event order, overrideMimeType, abort, errors) and JSONP sees the same bytes and the
 * same event order with the extension as without it — on paths the tap copies, on paths it ignores
 * and on routes an adapter stores. Also: a forged bridge message stores nothing for another shop,
 * and a ~50 MB answer on a captured route is skipped without freezing the page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, readStore, SHOTS_DIR, settle, startAll } from './harness';

const DATE = '2026-11-10';
let sandbox: Sandbox;
let withExt: Browser;
let without: Browser;
let ext: Page;

type Log = { url: string; outcome: string; shopId: string | null; facts: number; message?: string; adapter: string | null };

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  sandbox = await startAll();
  withExt = await launch(sandbox, true);
  without = await launch(sandbox, false);
  ext = await withExt.ctx.newPage();
  await ext.goto(`chrome-extension://${withExt.extId}/popup.html`);
});

afterAll(async () => {
  await withExt?.close();
  await without?.close();
  await sandbox?.close();
});

async function runPage(b: Browser, kind: string, query = ''): Promise<{ result: Record<string, unknown>; errors: string[]; page: Page }> {
  const page = await b.ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`https://sycm.taobao.com/__t/${kind}.html?date=${DATE}${query}`);
  await page.waitForSelector('body[data-done="1"]', { timeout: 110_000 });
  const result = (await page.evaluate('window.__T')) as Record<string, unknown>;
  return { result, errors, page };
}

describe('page transparency', () => {
  let a: Record<string, unknown>;
  let b: Record<string, unknown>;

  beforeAll(async () => {
    const r1 = await runPage(without, 'matrix');
    const r2 = await runPage(withExt, 'matrix');
    expect(r1.errors).toEqual([]);
    expect(r2.errors).toEqual([]);
    a = r1.result;
    b = r2.result;
    writeFileSync(join(SHOTS_DIR, 'transparency-matrix.json'), JSON.stringify({ without: a, with: b }, null, 1));
    await r2.page.screenshot({ path: join(SHOTS_DIR, 'transparency-matrix.png') });
    await r1.page.close();
    await r2.page.close();
  });

  it('the matrix ran every case and each produced a result', () => {
    expect(a.fatal).toBeUndefined();
    const keys = Object.keys(a);
    expect(keys.length).toBeGreaterThanOrEqual(60);
    expect(a['tapped fetch data.json json']).toMatchObject({ status: 200 });
    expect(a['tapped fetch redirect']).toMatchObject({ redirected: true, url: '/portal/__t/data.json?from=redirect' });
    expect(a['tapped fetch network error']).toMatchObject({ error: 'TypeError' });
    expect(a['tapped fetch abort before answer']).toMatchObject({ error: 'AbortError' });
    expect(a['tapped fetch abort during body']).toMatchObject({ error: 'AbortError' });
    expect((a["tapped xhr 'document'"] as { v: { p: string } }).v.p).toBe('段落 & 实体');
    expect((a['tapped xhr sync'] as { ev: string[] }).ev).toContain('onload');
    expect((a['tapped jsonp'] as { ev: string[] }).ev).toEqual(['cb:true', 'onload']);
    expect(a['adapter fetch json']).toMatchObject({ status: 200 });
  });

  it('with the extension the page sees byte-identical results and the same event order', () => {
    for (const k of Object.keys(a)) expect(b[k], k).toEqual(a[k]);
    expect(Object.keys(b)).toEqual(Object.keys(a));
  });

  it('the tap was active: copied paths reached the background, ignored paths did not', async () => {
    await settle(ext, 'captures');
    const log = await readStore<Log>(ext, 'captures');
    const urls = log.map((l) => l.url);
    expect(urls.some((u) => u.includes('/portal/__t/data.json'))).toBe(true);
    expect(urls.some((u) => u.includes('/portal/__t/jsonp'))).toBe(true);
    expect(urls.some((u) => /https:\/\/sycm\.taobao\.com\/__t\//.test(u))).toBe(false);
    const stored = log.filter((l) => l.adapter === 'sycm-home' && (l.outcome === 'stored' || l.outcome === 'unchanged'));
    expect(stored.length).toBeGreaterThanOrEqual(2);
    const facts = await readStore<{ shopId: string; date: string }>(ext, 'facts');
    expect(facts.some((f) => f.shopId === '106033221' && f.date === DATE)).toBe(true);
  });
});

describe('forged bridge messages', () => {
  it('a page script claiming shop B (meta tag, cookie, globals rewritten) stores nothing for B', async () => {
    const forged = '2026-11-01';
    const { result, page } = await runPage(withExt, 'forge', `&forged=${forged}`);
    expect(result).toEqual({ forged });
    await settle(ext, 'captures');
    const facts = await readStore<{ shopId: string; date: string; source: { adapter: string } }>(ext, 'facts');
    const shops = await readStore<{ id: string }>(ext, 'shops');
    expect(facts.filter((f) => f.shopId === '106078842')).toEqual([]);
    expect(shops.map((s) => s.id)).not.toContain('106078842');
    const log = await readStore<Log>(ext, 'captures');
    const forgedLog = log.filter((l) => l.url.includes(`${forged}%7C${forged}`));
    // It went through the same route and parse as a real answer: stored under the page's own shop A.
    expect(forgedLog.length).toBeGreaterThan(0);
    expect(forgedLog.every((l) => l.shopId === '106033221' || l.shopId === null)).toBe(true);
    // Another console's report and an unknown URL are not stored at all.
    expect(facts.some((f) => f.source.adapter === 'wanxiang')).toBe(false);
    expect(log.filter((l) => l.url.includes('/portal/evil/')).every((l) => l.outcome === 'unmatched' && l.facts === 0)).toBe(true);
    await page.close();
  });
});

describe('a ~50 MB answer on a captured route', () => {
  it('is skipped without freezing the page; the page gets the same result; health says why', async () => {
    const r1 = await runPage(without, 'big');
    const r2 = await runPage(withExt, 'big');
    const a = r1.result as { runs: unknown; longTasks: { totalMs: number; count: number; maxMs: number }; maxTickGapMs: number; ms: number };
    const b = r2.result as typeof a;
    expect(r2.errors).toEqual([]);
    expect(b.runs).toEqual(a.runs);
    const figures = { without: { longTasks: a.longTasks, maxTickGapMs: a.maxTickGapMs, ms: a.ms }, with: { longTasks: b.longTasks, maxTickGapMs: b.maxTickGapMs, ms: b.ms } };
    writeFileSync(join(SHOTS_DIR, 'big-response.json'), JSON.stringify(figures, null, 1));
    console.log('50 MB response, long tasks:', JSON.stringify(figures));
    await settle(ext, 'captures');
    const log = await readStore<Log>(ext, 'captures');
    const big = log.filter((l) => l.url.includes('__big=1'));
    expect(big.length).toBe(4);
    for (const l of big) {
      expect(l.outcome).toBe('too-large');
      expect(l.message).toMatch(/^响应过大（约 \d+ MB），已跳过$/);
    }
    const health = await readStore<{ id: string; counts: Record<string, number> }>(ext, 'health');
    expect(health.find((h) => h.id === 'sycm-home|table')?.counts['too-large']).toBeGreaterThanOrEqual(4);
    await r1.page.close();
    await r2.page.close();
  });
});
