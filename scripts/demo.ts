/**
 * `npm run demo`: build the extension, start the sandbox console, open Chromium with the
 * extension on 生意参谋 首页. Headed where there is a display; `--headless` (or no display)
 * browses a few dates and writes screenshots of the console page, the side panel and the popup.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../tests/sandbox/chromium.ts';
import { startSandbox } from '../tests/sandbox/server.ts';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const headless = args.includes('--headless') || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux');
const extensionDir = join(root, '.output', 'chrome-mv3');
// The planted traffic drop of the synthetic shop A: open the page there so there is something to find.
const FOCUS_DAY = '2026-11-20';
const HISTORY_DAYS = ['2026-10-07', '2026-11-06', '2026-11-13', FOCUS_DAY];

function log(s: string) {
  process.stdout.write(`[demo] ${s}\n`);
}

const found = findChromium();
if ('error' in found) {
  log(found.error);
  process.exit(1);
}

if (!args.includes('--no-build')) {
  log('building the extension (npm run build)…');
  const b = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 8443) });
log(`sandbox console on port ${sandbox.port} (today = ${sandbox.today}); hosts mapped: sycm.taobao.com …`);
const flags = chromiumArgs({ port: sandbox.port, spkiHash: sandbox.spkiHash, extensionDir });
const homeUrl = (d: string) => `https://sycm.taobao.com/portal/home.htm?dateType=day&dateRange=${d}%7C${d}`;
const profile = mkdtempSync(join(tmpdir(), 'opsradar-demo-'));

if (!headless) {
  log(`opening Chromium (${found.path}) with the extension. Browse a few dates, then click the 运营雷达 icon → 打开侧边栏.`);
  const child = spawn(found.path, [...flags, `--user-data-dir=${profile}`, homeUrl(FOCUS_DAY)], { stdio: 'ignore' });
  const stop = async () => {
    child.kill();
    await sandbox.close();
    process.exit(0);
  };
  child.on('exit', stop);
  process.on('SIGINT', stop);
} else {
  const out = process.env.DEMO_SHOTS ?? join(root, 'demo-shots');
  mkdirSync(out, { recursive: true });
  log('no display (or --headless): browsing in headless Chromium and writing screenshots…');
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: found.path, headless: true, viewport: { width: 1280, height: 900 }, args: flags });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const extId = new URL(sw.url()).host;
  const page = await ctx.newPage();
  for (const d of HISTORY_DAYS) {
    await page.goto(homeUrl(d));
    await page.waitForSelector(`body[data-rendered-date="${d}"]`, { timeout: 30_000 });
  }
  await page.waitForTimeout(2500);
  await page.screenshot({ path: join(out, 'console-home.png'), fullPage: true });
  type TabsApi = { tabs: { query(q: object): Promise<{ id?: number }[]> } };
  const tabId = await sw.evaluate(async () => (await (globalThis as unknown as { chrome: TabsApi }).chrome.tabs.query({ url: 'https://sycm.taobao.com/*' }))[0]?.id);
  const panel = await ctx.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extId}/sidepanel.html`);
  await panel.waitForSelector('[data-testid="findings"]', { timeout: 15_000 });
  await panel.waitForTimeout(800);
  await panel.screenshot({ path: join(out, 'sidepanel.png'), fullPage: true });
  const popup = await ctx.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(`chrome-extension://${extId}/popup.html#tab=${tabId}`);
  await popup.waitForSelector('[data-testid="tab-state"]');
  await popup.waitForTimeout(800);
  await popup.screenshot({ path: join(out, 'popup.png'), fullPage: true });
  await ctx.close();
  await sandbox.close();
  log(`screenshots written to ${out}: console-home.png, sidepanel.png, popup.png`);
}
