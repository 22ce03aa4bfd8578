import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { decodeFact } from '../../lib/db/fact-codec.ts';
import { chromiumArgs, findChromium } from '../sandbox/chromium.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';

export const EXTENSION_DIR = process.env.E2E_EXTENSION_DIR ?? resolve(__dirname, '../../.output/chrome-mv3');
export const SHOTS_DIR = process.env.E2E_SHOTS ?? join(tmpdir(), 'opsradar-e2e');

export interface Browser {
  ctx: BrowserContext;
  sw: Worker | null;
  extId: string | null;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  const c = findChromium();
  if ('error' in c) throw new Error(c.error);
  return c.path;
}

/** Chromium with a fresh profile, mapped to the sandbox, with or without the extension. */
export async function launch(sandbox: Sandbox, withExtension = true): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'opsradar-profile-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: chromiumArgs({ port: sandbox.port, spkiHash: sandbox.spkiHash, ...(withExtension ? { extensionDir: EXTENSION_DIR } : {}) }),
  });
  let sw: Worker | null = null;
  let extId: string | null = null;
  if (withExtension) {
    sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 30_000 }));
    extId = new URL(sw.url()).host;
  }
  return {
    ctx,
    sw,
    extId,
    async close() {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Read a whole object store of the extension's database from one of its pages (facts decoded from their stored form). */
export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  const rows = await readRawStore<T>(page, store);
  return store === 'facts' ? (rows.map((r) => decodeFact(r)) as T[]) : rows;
}

/** The rows of an object store as IndexedDB holds them. */
export async function readRawStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolveP, reject) => {
        const req = indexedDB.open('opsradar');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(name, 'readonly');
          const all = tx.objectStore(name).getAll();
          all.onsuccess = () => {
            resolveP(all.result as T[]);
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    store,
  );
}

/** Open the sycm home page for a date and wait until the console rendered it. */
export async function openHome(page: Page, date: string): Promise<void> {
  await page.goto(`https://sycm.taobao.com/portal/home.htm?dateType=day&dateRange=${date}%7C${date}`);
  await page.waitForSelector(`body[data-rendered-date="${date}"]`, { timeout: 30_000 });
}

/** Switch date the way an operator does: through the page's own date picker. */
export async function pickDate(page: Page, date: string): Promise<void> {
  await page.fill('#date-picker', date);
  await page.dispatchEvent('#date-picker', 'change');
  await page.waitForSelector(`body[data-rendered-date="${date}"]`, { timeout: 30_000 });
}

/** Wait until the background has written what the page loaded (captures are asynchronous). */
export async function settle(page: Page, store = 'facts', quietMs = 600, maxMs = 15_000): Promise<number> {
  const start = Date.now();
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() - start < maxMs) {
    const n = (await readStore(page, store)).length;
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) {
      // Quiet may only mean the service worker is busy (a rules run): a round trip through it
      // lets the captures queued before the ping start, then one more quiet window must pass.
      await pingBackground(page);
      const m = (await readStore(page, store)).length;
      if (m === n) {
        await page.waitForTimeout(quietMs);
        if ((await readStore(page, store)).length === n) return n;
      }
      last = -1;
    }
    await page.waitForTimeout(150);
  }
  return last;
}

/** One message round trip through the background (wakes it; answered once its event loop is free). */
export async function pingBackground(page: Page): Promise<void> {
  await page
    .evaluate(
      () =>
        new Promise<void>((done) => {
          const c = (globalThis as { chrome?: { runtime?: { sendMessage?: (m: unknown, cb: () => void) => void; lastError?: unknown } } }).chrome;
          if (!c?.runtime?.sendMessage || location.protocol !== 'chrome-extension:') return done();
          setTimeout(done, 20_000);
          try {
            c.runtime.sendMessage({ opsradarPing: true }, () => {
              void c.runtime?.lastError;
              done();
            });
          } catch {
            done();
          }
        }),
    )
    .catch(() => {});
}

/** The sandbox on a free port; its "today" is the real date in Asia/Shanghai, like the extension's. */
export async function startAll(today?: string) {
  const sandbox = await startSandbox({ port: 0, ...(today ? { today } : {}) });
  return sandbox;
}
