/** Chromium for the benchmarks: the e2e flags, a fresh on-disk profile (IndexedDB on disk, not in memory). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../sandbox/chromium.ts';

export const BASE_FLAGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check'];

export function chromiumExecutable(): string {
  const c = findChromium();
  if ('error' in c) throw new Error(c.error);
  return c.path;
}

export interface BenchBrowser {
  ctx: BrowserContext;
  /** The temporary profile directory (removed on close). */
  dir: string;
  close(): Promise<void>;
}

export async function launchBench(opts: { sandbox?: { port: number; spkiHash: string }; extensionDir?: string; args?: string[] } = {}): Promise<BenchBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'opsradar-bench-'));
  const args = opts.sandbox
    ? chromiumArgs({ port: opts.sandbox.port, spkiHash: opts.sandbox.spkiHash, ...(opts.extensionDir ? { extensionDir: opts.extensionDir } : {}) })
    : [...BASE_FLAGS, ...(typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [])];
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumExecutable(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [...args, ...(opts.args ?? [])],
  });
  if (opts.extensionDir) {
    // Wait for the extension's service worker, so the content scripts are registered before navigation.
    if (!ctx.serviceWorkers()[0]) await ctx.waitForEvent('serviceworker', { timeout: 30_000 });
  }
  return {
    ctx,
    dir,
    async close() {
      await ctx.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
