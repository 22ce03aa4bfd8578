/**
 * What the page-family e2e files share: one sandbox and one Chromium with the built extension for the
 * whole file, a console tab and the side panel, and the stored fact rows as the tests read them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, readStore, startAll } from './harness';

/** A fact row as the e2e tests read it back from IndexedDB (the fields they look at). */
export type StoredFact = {
  id: string;
  shopId: string;
  entityKind: string;
  entityId: string;
  entityName?: string;
  grain: string;
  date: string;
  dims: Record<string, string>;
  values: Record<string, number>;
  ranges?: Record<string, [number, number]>;
  crc?: Record<string, number>;
  source: { adapter: string; route: string };
};

export interface Session {
  sandbox: Sandbox;
  browser: Browser;
  /** The console tab the tests browse. */
  page: Page;
  /** The extension's side panel (an extension page: it can read the extension's IndexedDB). */
  ext: Page;
}

/**
 * Registers the file's beforeAll / afterAll: the sandbox (its "today" = `today` when given), Chromium
 * with the extension, a console tab and the side panel opened. The returned object is filled in
 * before the first test runs.
 */
export function extensionSession(today?: string): Session {
  const s = {} as Session;
  beforeAll(async () => {
    s.sandbox = await startAll(today);
    s.browser = await launch(s.sandbox);
    s.page = await s.browser.ctx.newPage();
    s.ext = await s.browser.ctx.newPage();
    await s.ext.goto(`chrome-extension://${s.browser.extId}/sidepanel.html`);
  });
  afterAll(async () => {
    await s.browser?.close();
    await s.sandbox?.close();
  });
  return s;
}

/** The stored facts, read from an extension page; only those of one adapter when `adapter` is given. */
export async function storedFacts(ext: Page, adapter?: string): Promise<StoredFact[]> {
  const all = await readStore<StoredFact>(ext, 'facts');
  return adapter ? all.filter((f) => f.source.adapter === adapter) : all;
}

/** Type a date into the console's date picker and fire its change event (the caller waits for the render it expects). */
export async function typeDate(page: Page, date: string): Promise<void> {
  await page.fill('#date-picker', date);
  await page.dispatchEvent('#date-picker', 'change');
}
