/**
 * Read-only guarantee: the extension never sends a request to the platform. The same browsing
 * tour runs with and without the extension; the sandbox console (which answers for every
 * console host) must see exactly the same requests.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { launch, openHome, pickDate, startAll } from './harness';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startAll();
});
afterAll(async () => {
  await sandbox?.close();
});

async function tour(page: Page): Promise<void> {
  await openHome(page, '2026-11-06');
  await pickDate(page, '2026-11-13');
  await page.reload();
  await page.waitForSelector('body[data-rendered-date="2026-11-13"]');
  await page.selectOption('#shop-switcher', 'B');
  await page.waitForSelector('body[data-rendered-date]');
  await page.waitForTimeout(1500);
}

/** Requests without the cache-buster and in a stable order. */
function normalised(reqs: readonly { method: string; host: string; path: string }[]): string[] {
  return reqs
    .filter((r) => !r.path.startsWith('/__sandbox/') && !r.path.startsWith('/favicon'))
    .map((r) => `${r.method} ${r.host}${r.path.replace(/([?&])_=\d+/, '$1_=')}`)
    .sort();
}

describe('read-only', () => {
  it('the platform sees exactly the same requests with and without the extension', async () => {
    const runs: string[][] = [];
    for (const withExtension of [true, false]) {
      const b = await launch(sandbox, withExtension);
      try {
        sandbox.clearRequests();
        await tour(await b.ctx.newPage());
        // Give the background time to do anything it might do on its own.
        await new Promise((r) => setTimeout(r, 1500));
        runs.push(normalised(sandbox.requests));
      } finally {
        await b.close();
      }
    }
    expect(runs[0]?.length).toBeGreaterThan(10);
    expect(runs[0]).toEqual(runs[1]);
  });
});
